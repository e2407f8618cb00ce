//! WRONG: after a failure it tries again with the number it read first, which
//! can never succeed now.

use std::sync::atomic::Ordering;

use crate::counter::Counter;

pub fn add_one(counter: &impl Counter) -> u64 {
    let mut retries = 0;
    let seen = counter.load(Ordering::Relaxed);
    while let Err(actual) = counter.compare_exchange(
        seen,
        seen + 1,
        Ordering::Relaxed,
        Ordering::Relaxed,
    ) {
        let _ = actual;
        retries += 1;
    }
    retries
}
