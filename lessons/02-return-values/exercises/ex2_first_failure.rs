//! Exercise 2: every value, or the first failure.
//!
//! Run `work` on every input, each on its own thread named `task-1`, `task-2`, ...
//! (`thread::Builder`). Return all the values in input order, or else the first
//! failure in input order as an error that names its task:
//! - `work` returned `Err(e)`: the error keeps `e`'s message, e.g. "task-2: too big";
//! - `work` panicked: the error says so, e.g. "task-3 panicked: index out of bounds".
//!
//! Wait for every thread before returning, even when one has failed.
//!
//! Check your answer with `cargo exercises 02`.

use std::thread;

use anyhow::{Context, Result, anyhow};
use course_kit::panics;

pub fn try_all<F>(inputs: Vec<u64>, work: F) -> Result<Vec<u64>>
where
    F: Fn(u64) -> Result<u64> + Clone + Send + 'static,
{
    // TODO: spawn one named thread per input and keep the handles.
    // TODO: join EVERY handle first (returning early would leave threads running).
    // TODO: then turn each outcome into a `Result<u64>`: a panic's payload becomes an
    // error with `panics::message`, a returned `Err` gets its task's name as context.
    todo!("gather every value, or the first failure")
}
