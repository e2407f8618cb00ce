//! Exercise 1: count lines in child processes.
//!
//! `count_role` is a child role. Its one argument is the path of a file; it
//! prints how many lines the file has (as `str::lines` counts them). A file
//! it cannot read is an error, so the child fails.
//!
//! `count_lines` counts the lines of every file in `paths`, each in a child
//! of its own, all running at the same time, and returns the counts in the
//! order of `paths`. A child that fails is an error that names its file,
//! returned without waiting for the children after it, and no child is left
//! running.
//!
//! `new_child()` makes a command that starts this lesson's program in the
//! role `ex1-count` (`main.rs` registers `count_role` under that name); add
//! the path to it. In the tests it starts `lesson-04`, the program cargo
//! built from this lesson: the test program itself plays no roles.
//!
//! Check your answer with `cargo exercises 04`.

use std::path::PathBuf;
use std::process::Command;

use anyhow::Result;
use course_kit::child::{self, ChildGuard};

pub fn count_role(args: &[String]) -> Result<()> {
    // TODO: count the lines of the file named by the first argument.
    todo!("print how many lines the file has")
}

pub fn count_lines(
    paths: &[PathBuf],
    new_child: impl Fn() -> Result<Command>,
) -> Result<Vec<usize>> {
    // TODO: count every file in a child of its own, all at the same time.
    todo!("start the children, then collect their answers")
}
