//! WRONG: the threads are unnamed: only the error messages carry the task names
//! Exercise 2: every value, or the first failure.

use std::thread;

use anyhow::{Context, Result, anyhow};
use course_kit::panics;

pub fn try_all<F>(inputs: Vec<u64>, work: F) -> Result<Vec<u64>>
where
    F: Fn(u64) -> Result<u64> + Clone + Send + 'static,
{
    let handles = inputs
        .into_iter()
        .enumerate()
        .map(|(index, input)| {
            let work = work.clone();
            let name = format!("task-{}", index + 1);
            (name, thread::spawn(move || work(input)))
        })
        .collect::<Vec<_>>();
    // Join every thread before looking at any result: a `?` inside this loop
    // would drop the remaining handles, and their threads would run on
    // unwatched.
    let outcomes: Vec<(String, thread::Result<Result<u64>>)> = handles
        .into_iter()
        .map(|(name, handle)| (name, handle.join()))
        .collect();
    outcomes
        .into_iter()
        .map(|(name, outcome)| {
            // The outer `Result` is the panic, the inner one is `work`'s own.
            outcome
                .map_err(|payload| {
                    anyhow!("{name} panicked: {}", panics::message(&*payload))
                })?
                .with_context(|| name.clone())
        })
        // Collecting into `Result<Vec<_>>` stops at the first `Err`, in input
        // order.
        .collect()
}
