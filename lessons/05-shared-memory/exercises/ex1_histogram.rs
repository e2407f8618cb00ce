//! Exercise 1: count into shared memory.
//!
//! A parent made a `SharedArray<AtomicU64>` of 10 buckets and gave each worker its
//! handle. `count_into` is a worker: it opens the array by its handle (as a child
//! process would), and for every value in `values` (all below 100) adds 1 to
//! bucket `value / 10`. Several workers run at the same time: no count may be lost.
//!
//! Check your answer with `cargo exercises 05`.

use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::shm::SharedArray;

pub fn count_into(handle: &str, values: &[u64]) -> Result<()> {
    // TODO: open the array with `SharedArray::<AtomicU64>::open(handle)?`.
    // TODO: for each value, add 1 to its bucket in one atomic step.
    todo!("open the shared buckets and count the values into them")
}
