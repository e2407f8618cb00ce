//! Exercise 2: every value, or the first failure.
//!
//! Run `work` on every input, each on its own thread named `task-1`, `task-2`,
//! ... Return all the values in input order, or else the failure of the first
//! task in input order (even if a later task failed sooner), as an error that
//! names its task:
//! - `work` returned `Err(e)`: the error keeps `e`'s message, as in
//!   "task-2: too big";
//! - `work` panicked: the error says so, as in
//!   "task-3 panicked: index out of bounds".
//!
//! Return only when every thread has finished, even after a failure.
//!
//! Check your answer with `cargo exercises 02`.

use std::thread;

use anyhow::{Context, Result, anyhow};
use course_kit::panics;

pub fn try_all<F>(inputs: Vec<u64>, work: F) -> Result<Vec<u64>>
where
    F: Fn(u64) -> Result<u64> + Clone + Send + 'static,
{
    // TODO: every value, or the first task's failure, once all have ended.
    todo!("gather every value, or the first failure")
}
