//! `RwLock`: many readers at once, or one writer.

use std::sync::{Mutex, RwLock};
use std::thread;
use std::time::Duration;

use course_kit::timed;
use tracing::info_span;

/// `readers` threads each look at the rates for `look` while holding a read
/// lock: they do not exclude each other. Two spans per reader draw how long
/// it waited for the lock, and held it.
// ANCHOR: rwlock
pub fn readers_with_rwlock(readers: u32, look: Duration) -> Duration {
    let rates = RwLock::new(vec![1.10, 0.86, 157.3]);
    let took = on_reader_threads(readers, || {
        let rates = info_span!("waits").in_scope(|| rates.read().unwrap());
        let _span = info_span!("holds").entered(); // shared: others read too
        thread::sleep(look);
        rates.len()
    });
    let mut rates = rates.write().unwrap(); // exclusive: waits for every reader
    *rates = vec![1.11, 0.85, 158.0];
    took
}

/// The same readers with a `Mutex`: each one excludes all the others.
pub fn readers_with_mutex(readers: u32, look: Duration) -> Duration {
    let rates = Mutex::new(vec![1.10, 0.86, 157.3]);
    on_reader_threads(readers, || {
        let rates = info_span!("waits").in_scope(|| rates.lock().unwrap());
        let _span = info_span!("holds").entered(); // exclusive, even to read
        thread::sleep(look);
        rates.len()
    })
}
// ANCHOR_END: rwlock

/// Runs `read` on `readers` threads at once, named `reader 1`, `reader 2`, ...
/// (their lanes on the timeline), and returns how long until all had finished.
fn on_reader_threads(
    readers: u32,
    read: impl Fn() -> usize + Sync,
) -> Duration {
    let ((), took) = timed(|| {
        thread::scope(|s| {
            for n in 1..=readers {
                thread::Builder::new()
                    .name(format!("reader {n}"))
                    .spawn_scoped(s, &read)
                    .expect("cannot start a reader thread");
            }
        });
    });
    took
}
