//! Exercise 2: one histogram, many processes.
//!
//! `histogram` counts `values` (each below 100) into ten buckets: bucket 0
//! counts the values 0 to 9, bucket 1 the values 10 to 19, and so on. The
//! counting is done by `children` child processes (at least one), all
//! running at the same time, each counting its share of the values into
//! buckets in shared memory. No count may be lost, even when two children
//! count into the same bucket at the same moment. There may be millions of
//! values. A child that fails is an error.
//!
//! `count_role` is that child (`main.rs` registers it as `ex2-count`), and
//! `new_child()` starts it, as in exercise 1.
//!
//! Check your answer with `cargo exercises 05`.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedArray;

pub fn count_role(args: &[String]) -> Result<()> {
    // TODO: count your share of the values into the shared buckets.
    todo!("one child's share of the counting")
}

pub fn histogram(
    values: &[u64],
    children: usize,
    new_child: impl Fn() -> Result<Command>,
) -> Result<[u64; 10]> {
    // TODO: share the buckets (and the values), run the children, read.
    todo!("count in child processes")
}
