//! Exercise 2: how did the child end? (reference solution)

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus};
use std::time::Duration;

use anyhow::Result;
use course_kit::child::ChildGuard;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    Signalled(i32),
}

pub fn ending(status: ExitStatus) -> Ending {
    // On Unix a process either exits with a code or is ended by a signal: exactly one
    // of the two is set. (Python folds both into `exitcode`, a signal as a negative number.)
    match (status.code(), status.signal()) {
        (Some(code), _) => Ending::Exited(code),
        (None, Some(signal)) => Ending::Signalled(signal),
        (None, None) => unreachable!("a finished Unix process has a code or a signal"),
    }
}

pub fn run_with_deadline(command: &mut Command, deadline: Duration) -> Result<Ending> {
    let mut child = ChildGuard::spawn(command)?;
    // `wait_timeout` polls; `Ok(None)` means still running at the deadline.
    let status = match child.wait_timeout(deadline)? {
        Some(status) => status,
        None => child.kill()?, // SIGKILL, then reap: the status then shows signal 9
    };
    Ok(ending(status))
}
