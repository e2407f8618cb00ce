//! Exercise 3: as they complete.
//!
//! Python's `concurrent.futures.as_completed`: run every job on its own thread
//! and return the values in the order the jobs FINISH. Wait at most `deadline`
//! in all, counted from the call: a job still running then is left out, and
//! so is a job that panics. Return as soon as every job has ended or the
//! deadline has passed, whichever comes first.
//!
//! Check your answer with `cargo exercises 02`.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// A job to run: any closure that returns a `T` and may move to another thread.
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

pub fn as_completed<T>(jobs: Vec<Job<T>>, deadline: Duration) -> Vec<T>
where
    T: Send + 'static,
{
    // TODO: the values, in the order the jobs finish, within the deadline.
    todo!("collect the values in the order the jobs finish")
}
