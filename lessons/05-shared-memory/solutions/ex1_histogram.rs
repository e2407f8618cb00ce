//! Exercise 1: count into shared memory (reference solution).

use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::shm::SharedArray;

pub fn count_into(handle: &str, values: &[u64]) -> Result<()> {
    // Our own mapping of the parent's segment; the type must match what it created.
    let buckets = SharedArray::<AtomicU64>::open(handle)?;
    for value in values {
        // fetch_add reads and writes in one indivisible step, so two workers adding to
        // the same bucket at once both count. Relaxed is enough: nothing else is
        // published through these counts, and the parent reads them after joining.
        buckets[(*value / 10) as usize].fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}
