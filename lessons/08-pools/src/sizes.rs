//! Choosing how many threads a pool has.

use std::time::Duration;

use anyhow::Result;
use rayon::ThreadPoolBuilder;

use crate::map::steps_in_parallel;

// ANCHOR: sizes
/// Runs the parallel map on a pool of exactly `threads` threads and times it.
/// `install` makes the pool the one that `into_par_iter` inside it uses,
/// instead of rayon's global pool (which has one thread per core).
pub fn time_with_threads(threads: usize, last: u64) -> Result<(Vec<u32>, Duration)> {
    let pool = ThreadPoolBuilder::new().num_threads(threads).build()?;
    let (steps, took) = pool.install(|| course_kit::timed(|| steps_in_parallel(last)));
    Ok((steps, took))
}
// ANCHOR_END: sizes
