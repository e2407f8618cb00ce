//! Exercise 1: partial sums in shared memory.
//!
//! `sum_of_squares` adds up the squares of 1 to `n` in `children` child
//! processes (at least one), all running at the same time. Each child adds
//! up the squares of its own share of the numbers and leaves its partial sum
//! in memory the parent shares with it. Once every child has exited, the
//! parent adds up what they left there. A child that fails is an error.
//!
//! `sum_role` is that child (`main.rs` registers it as `ex1-sum`); which
//! arguments it takes is up to you. `new_child()` makes a command that
//! starts this lesson's program in that role; add your arguments to it. In
//! the tests it starts `lesson-05`, the program cargo built from this
//! lesson: the test program itself plays no roles.
//!
//! Check your answer with `cargo exercises 05`.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedArray;

pub fn sum_role(args: &[String]) -> Result<()> {
    // TODO: add up your share, and leave the sum where the parent can see it.
    todo!("one child's share of the work")
}

pub fn sum_of_squares(
    n: u64,
    children: usize,
    new_child: impl Fn() -> Result<Command>,
) -> Result<u64> {
    // TODO: share memory with the children, run them, add up their sums.
    todo!("split the work over child processes")
}
