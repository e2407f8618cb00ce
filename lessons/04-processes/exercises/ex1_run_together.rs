//! Exercise 1: run several programs at the same time.
//!
//! Start every command in `commands` (each under a `ChildGuard`), ALL of them
//! before waiting for any, then wait for each in order. Return their exit codes
//! in the same order (`status.code()`, which is `None` for a child ended by a signal).
//!
//! Check your answer with `cargo exercises 04`.

use std::process::Command;

use anyhow::Result;
use course_kit::child::ChildGuard;

pub fn run_together(commands: &mut [Command]) -> Result<Vec<Option<i32>>> {
    // TODO: spawn every command with `ChildGuard::spawn` and keep the guards in a Vec.
    // TODO: then wait for each guard, in order, and collect `status.code()`.
    todo!("start all the commands, then wait for all of them")
}
