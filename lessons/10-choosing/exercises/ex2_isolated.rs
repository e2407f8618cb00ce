//! Exercise 2: when a process is the right tool.
//!
//! Run `command_line` with `sh -c` in a child process and give it at most
//! `deadline`. Return `Ok(stdout)` (trimmed) if it exits with code 0, and
//! `Err(...)` if it fails, crashes, or runs past the deadline: then it must be
//! killed, which a thread could never be. Whatever it does, this function
//! returns soon after `deadline` and leaves no process behind.
//!
//! Check your answer with `cargo exercises 10`.

use std::process::Command;
use std::time::Duration;

use course_kit::child::output_with_deadline;

pub fn run_isolated(command_line: &str, deadline: Duration) -> Result<String, String> {
    // TODO: build `Command::new("sh")` with the arguments `-c` and `command_line`.
    // TODO: run it with `output_with_deadline` (it kills the child at the
    // deadline), turning its error into `Err(text)`.
    // TODO: `Err` with the exit status unless it succeeded; else `Ok(stdout)`, trimmed.
    todo!("run the command in a child process with a deadline")
}
