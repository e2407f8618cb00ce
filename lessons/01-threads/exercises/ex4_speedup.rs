//! Exercise 4 (stretch, optional): predict, then measure.
//!
//! First predict. On your machine, how much faster are many copies of a job
//! run at the same time, each on its own thread, than the same copies run one
//! after the other? Write your guesses in `WAITING` (the job sleeps 100 ms)
//! and `COMPUTING` (the job counts primes), for 4 copies per CPU.
//!
//! Then measure: `speedup` runs `job` `copies` times one after the other, then
//! `copies` copies of it at the same time, each on its own thread, and returns
//! how many times faster the second way was. The tests measure both jobs and
//! tell you what they found. To see the numbers when they pass, run
//!
//!     cargo test -p lesson-01 --features starter --test exercises \
//!         -- ex4 --nocapture
//!
//! Check your answer with `cargo exercises 01`.

use std::thread;
use std::time::Instant;

/// How much faster the copies on threads are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speedup {
    /// About 1x: threads bring nothing.
    None,
    /// About the number of CPUs, and no more.
    TheCpus,
    /// About the number of copies.
    EveryCopy,
}

// TODO: your predictions, e.g. `Some(Speedup::None)`.
pub const WAITING: Option<Speedup> = None;
pub const COMPUTING: Option<Speedup> = None;

pub fn speedup<F>(copies: usize, job: F) -> f64
where
    F: Fn() + Sync,
{
    // TODO: time the job both ways, and return the first time divided by the
    // second.
    todo!("time the job both ways and compare")
}
