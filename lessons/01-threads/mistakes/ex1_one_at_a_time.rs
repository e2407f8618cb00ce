//! WRONG: the workers run one after another: each is joined before the next starts

use std::thread::{self, ThreadId};
use std::time::Duration;

/// What a worker says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    pub id: ThreadId,
}

pub fn spawn_named_workers(count: usize, work: Duration) -> Vec<Report> {
    // `collect` runs the whole `map` now, so every thread is started before
    // the first `join`. Joining inside the `map` would run them one at a time.
    let handles: Vec<_> = (1..=count)
        .map(|worker| {
            thread::Builder::new()
                .name(format!("worker-{worker}"))
                .spawn(move || {
                    thread::sleep(work);
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
        .collect();
    handles
}
