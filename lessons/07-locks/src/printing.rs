//! Only one process printing at a time: the seed's `Lock` around output.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::os::fd::AsFd;
use std::path::Path;
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use course_kit::child::{self, ChildGuard};

use crate::file_lock::LockFile;
use crate::shared_bank::{DEADLINE, lock_path};

/// A child process: prints `lines` report lines, writing each word separately
/// (as a program that prints bit by bit does). With `lock`, it holds the lock
/// file for the whole line. Args: ID LINES lock|nolock LOCKFILE.
// ANCHOR: printer
pub fn printer(args: &[String]) -> Result<()> {
    let [id, lines, lock, lock_path] = args else {
        bail!("printer needs ID LINES lock|nolock LOCKFILE");
    };
    let lines: u32 = lines.parse()?;
    let lock_file = LockFile::open(Path::new(lock_path))?;
    // Unbuffered, so each word is its own write to the shared stdout.
    let mut out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    for line in 1..=lines {
        let _held = if lock == "lock" {
            Some(lock_file.lock()?)
        } else {
            None
        };
        for word in [
            format!("printer-{id} "),
            format!("line-{line} "),
            "done\n".into(),
        ] {
            out.write_all(word.as_bytes())?;
            // the time it takes to make the next word
            thread::sleep(Duration::from_millis(1));
        }
    }
    Ok(())
}
// ANCHOR_END: printer

/// Starts `printers` printers that share this process's stdout pipe, and
/// returns the lines they printed.
pub fn print_together(
    printers: u32,
    lines: u32,
    lock: bool,
) -> Result<Vec<String>> {
    let (reader, writer) = io::pipe()?;
    let path = lock_path();
    let path_text = path.to_str().context("temp dir is not UTF-8")?;
    let lock = if lock { "lock" } else { "nolock" };
    let mut children = Vec::new();
    for id in 1..=printers {
        let id = id.to_string();
        let mut command = child::command(
            "printer",
            &[&id, &lines.to_string(), lock, path_text],
        )?;
        command.stdout(writer.try_clone()?);
        children.push(ChildGuard::spawn(&mut command)?);
    }
    drop(writer); // the read below ends when the last printer closes its copy
    let printed = BufReader::new(reader)
        .lines()
        .collect::<io::Result<Vec<_>>>()?;
    for mut child in children {
        let status = child
            .wait_timeout(DEADLINE)?
            .context("a printer is stuck")?;
        child::ended_well(status, "a printer")?;
    }
    let _ = std::fs::remove_file(&path);
    Ok(printed)
}

/// A whole line is `printer-N line-M done`, from one printer.
pub fn is_whole(line: &str) -> bool {
    let words: Vec<&str> = line.split(' ').collect();
    words.len() == 3
        && words[0].starts_with("printer-")
        && words[1].starts_with("line-")
        && words[2] == "done"
}
