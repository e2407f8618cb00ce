//! A `std::sync::Mutex` guard held across `.await`, on a one-thread runtime:
//! not a delay but a deadlock. Shown on a thread of its own, with a time
//! limit, since nothing can end it but the end of the process.

use std::sync::{Mutex, mpsc};
use std::thread;
use std::time::Duration;

use tokio::time::sleep;

// ANCHOR: stuck
/// The mistake, on purpose: the guard lives across the `.await`.
#[allow(clippy::await_holding_lock)]
async fn count_visit(visits: &Mutex<u64>) {
    let mut count = visits.lock().unwrap();
    sleep(Duration::from_millis(10)).await; // waits, holding the lock
    *count += 1;
}

/// Two visits at once, in one task. `join!` needs no `Send`, so this
/// compiles. The first visit waits holding the lock; the second then blocks
/// the only thread in `lock()`, so the first is never polled again to
/// unlock it.
async fn two_visits(visits: &Mutex<u64>) {
    tokio::join!(count_visit(visits), count_visit(visits));
}
// ANCHOR_END: stuck

// ANCHOR: fixed
/// The same with `tokio::sync::Mutex`: waiting for its lock is an `.await`,
/// which hands the thread back instead of blocking it.
async fn count_visit_async(visits: &tokio::sync::Mutex<u64>) {
    let mut count = visits.lock().await;
    sleep(Duration::from_millis(10)).await;
    *count += 1;
}
// ANCHOR_END: fixed

/// Runs two visits with the std lock (`async_lock` false) or tokio's on a
/// one-thread runtime, on a thread of its own, and waits at most `limit`.
/// Returns the count, or `None` if they were still stuck: then their thread
/// stays blocked until the process ends.
pub fn two_visits_within(async_lock: bool, limit: Duration) -> Option<u64> {
    let (done, finished) = mpsc::channel();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime");
        let count = if async_lock {
            let visits = tokio::sync::Mutex::new(0);
            runtime.block_on(async {
                tokio::join!(
                    count_visit_async(&visits),
                    count_visit_async(&visits)
                );
            });
            visits.into_inner()
        } else {
            let visits = Mutex::new(0);
            runtime.block_on(two_visits(&visits));
            visits.into_inner().unwrap()
        };
        let _ = done.send(count);
    });
    finished.recv_timeout(limit).ok()
}
