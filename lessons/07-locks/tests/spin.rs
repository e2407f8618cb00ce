//! The spin lock of part `processes`, tested between threads.

use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use lesson_07::spin;

#[test]
fn only_one_holder_at_a_time() {
    let word = AtomicU32::new(0);
    let count = AtomicU32::new(0);
    let long = Duration::from_secs(20);
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..10_000 {
                    let _held =
                        spin::lock(&word, long).expect("the lock is freed");
                    // A read and a write in two steps: safe only under the
                    // lock.
                    let read = count.load(Ordering::Relaxed);
                    count.store(read + 1, Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(count.into_inner(), 40_000);
}

#[test]
fn a_lock_never_released_times_out() {
    let word = AtomicU32::new(1); // held by someone who will never let go
    let start = Instant::now();
    assert!(spin::lock(&word, Duration::from_millis(20)).is_none());
    // The clock is read after every yield, so the wait ends soon after the
    // limit even on a loaded machine (where one yield can take a while).
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(20), "{waited:?}");
    assert!(waited < Duration::from_secs(2), "{waited:?}");
}
