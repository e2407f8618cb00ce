//! Exercise 1: named workers.
//!
//! Start `count` threads named `worker-1`, `worker-2`, ... with `thread::Builder`.
//! Each one first works for `work` (call `thread::sleep(work)`), then reports its own
//! name and id: ask `thread::current()`, do not pass them in. Return the reports in
//! worker order, after every thread has finished. The workers must run at the same
//! time: four workers that each work 200 ms should take about 200 ms, not 800 ms.
//!
//! Check your answer with `cargo exercises 01`.

use std::thread::{self, ThreadId};
use std::time::Duration;

/// What a worker says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    pub id: ThreadId,
}

pub fn spawn_named_workers(count: usize, work: Duration) -> Vec<Report> {
    // TODO: for each worker 1..=count, build a thread with a name and spawn it;
    // the thread sleeps for `work`, then returns a Report made from `thread::current()`.
    // TODO: once all are started, join the handles in order and collect their reports.
    todo!("start `count` named threads and collect their reports")
}
