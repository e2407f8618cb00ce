//! Exercise 3: who is the parent?
//!
//! A line of `/proc/PID/stat` starts `PID (NAME) STATE PPID ...`. NAME is the
//! program's name and may itself hold spaces and parentheses, like `(my (odd) app)`.
//! `parse_stat` returns the STATE letter and the PPID, or `None` if the line is
//! not in that shape. `parent_of` reads `/proc/PID/stat` and returns the PPID, or
//! `None` if there is no such process.
//!
//! Check your answer with `cargo exercises 04`.

pub fn parse_stat(line: &str) -> Option<(char, u32)> {
    // TODO: find where NAME ends (careful: NAME may contain ')'), then read the
    // two fields after it.
    todo!("read the state and the parent pid from a stat line")
}

pub fn parent_of(pid: u32) -> Option<u32> {
    // TODO: read /proc/{pid}/stat (an error means no such process) and parse it.
    todo!("read /proc/PID/stat")
}
