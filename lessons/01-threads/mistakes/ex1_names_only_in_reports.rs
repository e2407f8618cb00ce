//! WRONG: the threads are unnamed; only the reports carry the names
//! Exercise 1: named workers.

use std::thread::{self, ThreadId};

/// What a worker says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    pub id: ThreadId,
}

pub fn spawn_named_workers(count: usize, work: fn(usize)) -> Vec<Report> {
    let handles: Vec<_> = (1..=count)
        .map(|worker| {
            thread::spawn(move || {
                work(worker);
                Report {
                    name: format!("worker-{worker}"),
                    id: thread::current().id(),
                }
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a worker panicked"))
        .collect()
}
