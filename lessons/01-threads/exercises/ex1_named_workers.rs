//! Exercise 1: named workers.
//!
//! Start `count` threads named `worker-1`, `worker-2`, ... Each one calls
//! `work` with its number (1 for `worker-1`), then reports its name and id as
//! its own thread knows them. The workers run at the same time: four workers
//! whose work takes 200 ms each take about 200 ms in all, not 800 ms. Return
//! the reports in worker order.
//!
//! Check your answer with `cargo exercises 01`.

use std::thread::{self, ThreadId};

/// What a worker says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    pub id: ThreadId,
}

pub fn spawn_named_workers(count: usize, work: fn(usize)) -> Vec<Report> {
    // TODO: start the workers. A worker's own thread is called `worker-N`,
    // and it does its work before it reports.
    // TODO: return their reports in worker order.
    todo!("start `count` named threads and collect their reports")
}
