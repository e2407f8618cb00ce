//! Exercise 3 (stretch, optional): predict, then measure: how much does a
//! pipe hold?
//!
//! A child writes to its stdout, a pipe, and its parent never reads it. How
//! many bytes go in before the child's next write has to wait? Write your
//! guess in `predicted_bytes` first, before you measure.
//!
//! Then measure it. `fill_role` is a child role: it writes to its stdout,
//! one byte at a time, until the pipe is full, and then tells its parent
//! how many bytes went in (its stderr is free for that). `measure` starts
//! it (with `new_child()`, as in exercise 1) with a pipe for its stdout
//! that nobody reads, and returns that number. The tests print your guess
//! beside what this machine does.
//!
//! Check your answer with `cargo exercises 04`.

use std::process::Command;

use anyhow::Result;
use course_kit::child::{self, ChildGuard};

pub fn predicted_bytes() -> usize {
    // TODO: your guess, before you measure.
    todo!("how many bytes fit in a pipe?")
}

pub fn fill_role(_: &[String]) -> Result<()> {
    // TODO: fill stdout, then report on stderr.
    todo!("write until the pipe is full")
}

pub fn measure(new_child: impl Fn() -> Result<Command>) -> Result<usize> {
    // TODO: start the filler, never read its stdout, read its report.
    todo!("measure")
}
