//! `RwLock`: many readers at once, or one writer.

use std::sync::{Mutex, RwLock};
use std::thread;
use std::time::Duration;

use course_kit::timed;

// ANCHOR: rwlock
/// `readers` threads each look at the rates for `look` while holding a read
/// lock. Readers do not exclude each other, so they look at the same time.
pub fn readers_with_rwlock(readers: u32, look: Duration) -> Duration {
    let rates = RwLock::new(vec![1.10, 0.86, 157.3]);
    let ((), took) = timed(|| {
        thread::scope(|s| {
            for _ in 0..readers {
                s.spawn(|| {
                    let rates = rates.read().unwrap(); // shared: others may read too
                    thread::sleep(look);
                    rates.len()
                });
            }
        });
    });
    *rates.write().unwrap() = vec![1.11, 0.85, 158.0]; // exclusive: waits for every reader
    took
}

/// The same readers with a `Mutex`: each one excludes all the others.
pub fn readers_with_mutex(readers: u32, look: Duration) -> Duration {
    let rates = Mutex::new(vec![1.10, 0.86, 157.3]);
    let ((), took) = timed(|| {
        thread::scope(|s| {
            for _ in 0..readers {
                s.spawn(|| {
                    let rates = rates.lock().unwrap(); // exclusive, even to read
                    thread::sleep(look);
                    rates.len()
                });
            }
        });
    });
    took
}
// ANCHOR_END: rwlock
