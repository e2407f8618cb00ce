//! `Pool.map` in Rust: one call to a parallel iterator.

use rayon::prelude::*;

use crate::work::collatz_steps;

// ANCHOR: map
/// The steps for every number in `1..=last`, one after the other.
pub fn steps_in_sequence(last: u64) -> Vec<u32> {
    (1..=last).map(collatz_steps).collect()
}

/// The same, on rayon's pool: `into_par_iter` splits the range into pieces and
/// the pool's threads (one per core) work on them at once. `collect` puts the
/// answers back in the order of the input, as Python's `pool.map` does.
pub fn steps_in_parallel(last: u64) -> Vec<u32> {
    (1..=last).into_par_iter().map(collatz_steps).collect()
}
// ANCHOR_END: map

/// Where the longest sequence starts (the first, if several are as long), and
/// its steps.
pub fn longest(steps: &[u32]) -> (u64, u32) {
    let mut best = (1, 0);
    for (index, &count) in steps.iter().enumerate() {
        if count > best.1 {
            best = (index as u64 + 1, count);
        }
    }
    best
}
