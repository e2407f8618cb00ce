//! WRONG: the caller writes the reports, with its own thread's id
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
            let name = format!("worker-{worker}");
            let handle = thread::Builder::new()
                .name(name.clone())
                .spawn(move || work(worker))
                .expect("cannot start a thread");
            (name, handle)
        })
        .collect();
    handles
        .into_iter()
        .map(|(name, handle)| {
            handle.join().expect("a worker panicked");
            Report {
                name,
                id: thread::current().id(),
            }
        })
        .collect()
}
