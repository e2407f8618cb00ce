//! Exercise 1: named workers.
//!
//! Start `count` threads named `worker-1`, `worker-2`, ... with `thread::Builder`.
//! Each thread reports its own name and id (ask `thread::current()`, do not pass
//! them in). Return the reports in worker order, after every thread has finished.
//!
//! Check your answer with `cargo exercises 01`.

use std::thread::{self, ThreadId};

/// What a worker says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    pub id: ThreadId,
}

pub fn spawn_named_workers(count: usize) -> Vec<Report> {
    // TODO: for each worker 1..=count, build a thread with a name and spawn it;
    // the thread returns a Report made from `thread::current()`.
    // TODO: join the handles in order and collect what each thread returned.
    todo!("start `count` named threads and collect their reports")
}
