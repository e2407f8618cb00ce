//! Exercise 1: computing from async code, the right way.
//!
//! Async code calls `crunch_all` to run `work`, CPU-bound code such as
//! `crunch`, on every input. Run the calls on rayon's pool, several at the
//! same time, and never hold up the runtime's thread, neither while they
//! compute nor while you wait for them: the runtime's other tasks keep
//! running meanwhile. Return the answers in the order of `inputs`.
//!
//! Check your answer with `cargo exercises 10`.

use rayon::prelude::*;

/// CPU-bound work. Do not change it.
pub fn crunch(input: u64) -> u64 {
    (0..200_000u64).fold(input, |acc, i| acc.rotate_left(3) ^ i)
}

pub async fn crunch_all(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: run `work` on every input on rayon's pool, and await the answers.
    todo!("crunch on rayon's pool and await the answers")
}
