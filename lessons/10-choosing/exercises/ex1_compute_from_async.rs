//! Exercise 1: computing from async code, the right way.
//!
//! `crunch` is CPU-bound. Write `crunch_all`, which async code calls to crunch
//! many numbers: run them on rayon's pool, in parallel (a parallel iterator),
//! and never block the runtime's thread while they compute, so other tasks keep
//! running. Return the answers in the order of `inputs`. (The tests check the
//! answers and that the runtime stays free, not how many cores did the work.)
//!
//! Check your answer with `cargo exercises 10`.

use rayon::prelude::*;

/// CPU-bound work. Do not change it.
pub fn crunch(input: u64) -> u64 {
    (0..200_000u64).fold(input, |acc, i| acc.rotate_left(3) ^ i)
}

pub async fn crunch_all(inputs: Vec<u64>) -> Vec<u64> {
    // TODO: make a channel that async code can await, for one answer.
    // TODO: hand the crunching to rayon's pool, which sends the answers back.
    // TODO: await them: waiting for a channel does not block the runtime.
    todo!("crunch on rayon's pool and await the answers")
}
