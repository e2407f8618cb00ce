//! Exercise 3: as they complete.
//!
//! Python's `concurrent.futures.as_completed`: run every job on its own thread
//! and return the values in the order the jobs FINISH. Wait at most `deadline`
//! in all: a job still running then is left out, and so is a job that panics.
//! Never wait longer than the deadline, and never forever.
//!
//! Check your answer with `cargo exercises 02`.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// A job to run: any closure that returns a `T` and may move to another thread.
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

pub fn as_completed<T: Send + 'static>(jobs: Vec<Job<T>>, deadline: Duration) -> Vec<T> {
    // TODO: make one channel; give every job's thread its own sender.
    // TODO: drop main's own sender, so the channel closes once every job has ended.
    // TODO: receive until you have every value, the channel closes, or the deadline
    // passes (`recv_timeout` with the time that is left).
    todo!("collect the values in the order the jobs finish")
}
