//! Exercise 1: computing from async code, the right way.
//!
//! `crunch` is CPU-bound. Write `crunch_all`, which async code calls to crunch
//! many numbers: run them in parallel on rayon's pool (every core), and never
//! block the runtime's thread while they compute, so other tasks keep running.
//! Return the answers in the order of `inputs`.
//!
//! Check your answer with `cargo exercises 10`.

use rayon::prelude::*;

/// CPU-bound work. Do not change it.
pub fn crunch(input: u64) -> u64 {
    (0..200_000u64).fold(input, |acc, i| acc.rotate_left(3) ^ i)
}

pub async fn crunch_all(inputs: Vec<u64>) -> Vec<u64> {
    // TODO: make a one-shot channel (`tokio::sync::oneshot::channel()`).
    // TODO: `rayon::spawn` a closure that maps `crunch` over `inputs` with
    // `into_par_iter()` and sends the `Vec` through the channel.
    // TODO: await the receiver: waiting for it does not block the runtime.
    todo!("crunch on rayon's pool and await the answers")
}
