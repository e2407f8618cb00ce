//! Exercise 3: an increment that cannot be lost, by hand (reference solution).

use std::sync::atomic::Ordering;

use crate::counter::Counter;

pub fn add_one(counter: &impl Counter) -> u64 {
    let mut retries = 0;
    let mut seen = counter.load(Ordering::Relaxed);
    // compare_exchange writes seen + 1 only if the counter still holds `seen`.
    // If another process wrote in between, it fails and tells us the new value:
    // the other increment is kept, and we try again on top of it. This loop is
    // what fetch_add does for you (in one instruction on most CPUs).
    while let Err(actual) = counter.compare_exchange(
        seen,
        seen + 1,
        Ordering::Relaxed,
        Ordering::Relaxed,
    ) {
        seen = actual;
        retries += 1;
    }
    retries
}
