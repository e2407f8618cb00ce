//! WRONG: a task's panic is unwrapped on join, so it takes the caller down too
//! Exercise 2: every value, or the first failure.

use std::thread;

use anyhow::{Context, Result};

pub fn try_all<F>(inputs: Vec<u64>, work: F) -> Result<Vec<u64>>
where
    F: Fn(u64) -> Result<u64> + Clone + Send + 'static,
{
    let handles = inputs
        .into_iter()
        .enumerate()
        .map(|(index, input)| {
            let work = work.clone();
            thread::Builder::new()
                .name(format!("task-{}", index + 1))
                .spawn(move || work(input))
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    // Join every thread before looking at any result: a `?` inside this loop
    // would drop the remaining handles, and their threads would run on
    // unwatched.
    let outcomes: Vec<(String, thread::Result<Result<u64>>)> = handles
        .into_iter()
        .map(|handle| {
            let name = handle.thread().name().unwrap_or("task").to_string();
            (name, handle.join())
        })
        .collect();
    outcomes
        .into_iter()
        .map(|(name, outcome)| {
            outcome
                .expect("a task panicked")
                .with_context(|| name.clone())
        })
        // Collecting into `Result<Vec<_>>` stops at the first `Err`, in input
        // order.
        .collect()
}
