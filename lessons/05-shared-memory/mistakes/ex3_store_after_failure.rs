//! WRONG: after a failed compare_exchange it stores its number anyway, over the
//! other writer's.

use std::sync::atomic::Ordering;

use crate::counter::Counter;

pub fn add_one(counter: &impl Counter) -> u64 {
    let mut retries = 0;
    let mut seen = counter.load(Ordering::Relaxed);
    if let Err(actual) = counter.compare_exchange(
        seen,
        seen + 1,
        Ordering::Relaxed,
        Ordering::Relaxed,
    ) {
        seen = actual;
        retries += 1;
        counter.store(seen + 1, Ordering::Relaxed);
    }
    retries
}
