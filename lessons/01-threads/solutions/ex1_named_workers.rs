//! Exercise 1: named workers (reference solution).

use std::thread::{self, ThreadId};

/// What a worker says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    pub id: ThreadId,
}

pub fn spawn_named_workers(count: usize, work: fn(usize)) -> Vec<Report> {
    // `collect` runs the whole `map` now, so every thread is started before
    // the first `join`. Joining inside the `map` would run them one at a time.
    let handles: Vec<_> = (1..=count)
        .map(|worker| {
            // The name belongs to the thread: the OS, a debugger and a panic
            // message all see it, not only this report.
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
        })
        .collect();
    // Joining in spawn order gives the reports in worker order.
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a worker panicked"))
        .collect()
}
