//! Exercise 2: when a process is the right tool.
//!
//! Run `command_line` with `sh -c` in a child process and give it at most
//! `deadline`. Return `Ok(stdout)` (trimmed) if it exits with code 0, and
//! `Err(...)` saying what happened if it fails, crashes, or runs past the
//! deadline: then it must be killed, which a thread could never be. A command
//! may start programs of its own (`sleep 30; echo late`, or a job sent off
//! with `&`): they are its processes too. Whatever it does, this function
//! returns soon after `deadline` and leaves no process behind. The commands
//! print one short line at most.
//!
//! Check your answer with `cargo exercises 10`.

use std::process::Command;
use std::time::Duration;

use course_kit::child::ChildGuard;

pub fn run_isolated(
    command_line: &str,
    deadline: Duration,
) -> Result<String, String> {
    // TODO: run the command in a process of its own, within the deadline.
    todo!("run the command in a child process with a deadline")
}
