//! Choosing how many threads a pool has.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Result;
use rayon::ThreadPoolBuilder;
use rayon::prelude::*;
use tracing::info_span;

use crate::work::collatz_steps;

/// What one pool size gave: the answers, the time, and how many threads took
/// part.
pub struct Measured {
    pub steps: Vec<u32>,
    pub took: Duration,
    pub busy_threads: u32,
}

// ANCHOR: sizes
/// Runs the parallel map on a pool of exactly `threads` threads and times it.
/// `install` makes the pool the one that `into_par_iter` inside it uses,
/// instead of rayon's global pool (which has one thread per core).
pub fn time_with_threads(threads: usize, last: u64) -> Result<Measured> {
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|index| format!("worker {index}"))
        .build()?;
    // One bit per pool thread, set by each thread that gets a piece of work.
    let busy = AtomicU64::new(0);
    let (steps, took) = pool.install(|| {
        course_kit::timed(|| {
            (1..=last)
                .into_par_iter()
                // `map_init` runs its first closure once per piece, not per
                // item; what it returns lives until the piece is done.
                .map_init(
                    || {
                        let me = rayon::current_thread_index().unwrap_or(0);
                        busy.fetch_or(1 << (me % 64), Ordering::Relaxed);
                        info_span!("piece").entered()
                    },
                    |_, n| collatz_steps(n),
                )
                .collect::<Vec<u32>>()
        })
    });
    let busy_threads = busy.into_inner().count_ones();
    Ok(Measured {
        steps,
        took,
        busy_threads,
    })
}
// ANCHOR_END: sizes
