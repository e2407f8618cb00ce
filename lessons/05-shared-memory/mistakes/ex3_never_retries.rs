//! WRONG: fetch_add loses nothing, but cannot tell when another writer got in first.

use std::sync::atomic::{AtomicI64, Ordering};

pub fn add_one(counter: &AtomicI64) -> u64 {
    counter.fetch_add(1, Ordering::Relaxed);
    0
}
