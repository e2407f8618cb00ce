//! Exercise 2: stop every child, politely first.
//!
//! `lock_role` is a child role that holds a lock file. Its one argument is a
//! path: it creates that file, prints `ready` on its stdout, and then runs
//! until it is asked to stop with SIGTERM. Then it removes the file and exits
//! with status 0.
//!
//! `ending` says how a child ended, from its exit status: `Exited(code)` or
//! `Signalled(number)`.
//!
//! `stop` stops every child in `children`. It asks them all with SIGTERM
//! and gives them `grace` to exit: one `grace` for all of them, not one each.
//! Those still running then get SIGKILL. It returns how each child ended, in
//! order, as soon as every child has ended.
//!
//! Check your answer with `cargo exercises 04`.

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::Duration;

use anyhow::Result;
use course_kit::child::{self, ChildGuard};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    Signalled(i32),
}

pub fn lock_role(args: &[String]) -> Result<()> {
    // TODO: hold the lock file until SIGTERM, then clean up.
    todo!("create the file, say ready, remove it when asked to stop")
}

pub fn ending(status: ExitStatus) -> Ending {
    // TODO: an exit code, or the signal that ended the child.
    todo!("read the exit code or the signal from the status")
}

pub fn stop(children: Vec<ChildGuard>, grace: Duration) -> Result<Vec<Ending>> {
    // TODO: ask, give them all one grace period, then force.
    todo!("stop every child")
}
