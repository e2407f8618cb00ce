//! WRONG: each worker is joined before the next one starts, so they run one at
//! a time Exercise 1: named workers.

use std::thread::{self, ThreadId};

/// What a worker says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    pub id: ThreadId,
}

pub fn spawn_named_workers(count: usize, work: fn(usize)) -> Vec<Report> {
    (1..=count)
        .map(|worker| {
            thread::Builder::new()
                .name(format!("worker-{worker}"))
                .spawn(move || {
                    work(worker);
                    let me = thread::current();
                    Report {
                        name: me.name().unwrap_or_default().to_string(),
                        id: me.id(),
                    }
                })
                .expect("cannot start a thread")
                .join()
                .expect("a worker panicked")
        })
        .collect()
}
