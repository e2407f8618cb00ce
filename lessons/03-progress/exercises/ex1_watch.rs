//! Exercise 1: watch a worker's progress.
//!
//! Run `work` on a thread of its own, lending it a progress counter that it
//! raises as it goes. While it runs, read the counter every `every` and keep
//! each value you read. Return the worker's result and the values read, in
//! order, ending with the counter's final value (read after the worker ended).
//!
//! Check your answer with `cargo exercises 03`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

pub fn watch<F>(work: F, every: Duration) -> (u64, Vec<u32>)
where
    F: FnOnce(&AtomicU32) -> u64 + Send,
{
    // TODO: make the counter, and start `work` on a scoped thread that borrows it.
    // TODO: until the thread is finished, read the counter, keep the value, sleep `every`.
    // TODO: join the thread, read the counter once more, and return both.
    todo!("run `work` and watch its progress")
}
