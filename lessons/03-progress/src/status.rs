//! A line of progress that rewrites itself in a terminal, and prints as plain
//! lines when stdout is a file or a pipe (a recording, a test, `| less`).

use std::io::{IsTerminal, Write};

// ANCHOR: status_line
/// One line of status text, shown again and again as it changes.
pub struct StatusLine {
    in_place: bool,
    showing: bool,
}

impl StatusLine {
    /// In place when stdout is a terminal, one line per update otherwise.
    pub fn new() -> Self {
        Self {
            in_place: std::io::stdout().is_terminal(),
            showing: false,
        }
    }

    pub fn show(&mut self, text: &str) {
        let mut out = std::io::stdout().lock();
        if self.in_place {
            // `\r` returns to the start of the line; `ESC [ K` clears what a
            // longer earlier text left behind. Without a `\n`, stdout holds the
            // text back until it is flushed.
            let _ = write!(out, "\r{text}\x1b[K");
            let _ = out.flush();
        } else {
            let _ = writeln!(out, "{text}");
        }
        self.showing = true;
    }

    /// Ends the line, so what is printed next starts on a line of its own.
    pub fn finish(&mut self) {
        if self.in_place && self.showing {
            println!();
        }
        self.showing = false;
    }
}
// ANCHOR_END: status_line

impl Default for StatusLine {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for StatusLine {
    fn drop(&mut self) {
        self.finish();
    }
}
