//! Exercise 2: how did the child end?
//!
//! `ending` turns an `ExitStatus` into an `Ending`: `Exited(code)` for a child that
//! exited by itself, `Signalled(number)` for one ended by a signal.
//! `run_with_deadline` starts `command`, waits up to `deadline`, and if the child
//! is still running then, kills it (SIGKILL). Either way it returns the `Ending`.
//!
//! Check your answer with `cargo exercises 04`.

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
    // TODO: `status.code()` is Some for an exit; `status.signal()` (ExitStatusExt) for a signal.
    todo!("read the exit code or the signal from the status")
}

pub fn run_with_deadline(command: &mut Command, deadline: Duration) -> Result<Ending> {
    // TODO: spawn under a ChildGuard, `wait_timeout(deadline)`, and `kill()` if it is still running.
    todo!("wait with a deadline, then kill")
}
