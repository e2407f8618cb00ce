//! Exercise 4 (stretch, optional): predict, then measure: what a reader sees.
//!
//! A child stores 1, 2, 3, ... up to `COUNT` into a shared value, as fast as
//! it can, while its parent reads the value again and again. Before you
//! measure, answer in `predictions`: will the parent ever read a smaller
//! number right after a bigger one? Will it read every number?
//!
//! Then measure. `count_role` is the child (`main.rs` registers it as
//! `ex4-count`). `watch` starts it with `new_child()`, shares the value with
//! it, reads the value until the child has exited, and returns what it saw.
//! The tests print your predictions beside what happened.
//!
//! Check your answer with `cargo exercises 05`.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedValue;

/// How far the child counts.
pub const COUNT: u64 = 5_000_000;

/// Your two answers, given before you measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Predictions {
    /// Will the parent ever read a smaller number after a bigger one?
    pub goes_down: bool,
    /// Will the parent read every number from 1 to `COUNT`?
    pub sees_every_number: bool,
}

/// What the parent saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// How many times it read the value.
    pub reads: u64,
    /// How many different numbers it read.
    pub different: u64,
    /// Whether it ever read a smaller number right after a bigger one.
    pub went_down: bool,
}

pub fn predictions() -> Predictions {
    // TODO: your two answers, before you measure.
    todo!("will the numbers go down? will you see them all?")
}

pub fn count_role(args: &[String]) -> Result<()> {
    // TODO: count up in the shared value.
    todo!("store 1 to COUNT")
}

pub fn watch(new_child: impl Fn() -> Result<Command>) -> Result<Seen> {
    // TODO: start the counter, and watch the value while it counts.
    todo!("measure what a reader sees")
}
