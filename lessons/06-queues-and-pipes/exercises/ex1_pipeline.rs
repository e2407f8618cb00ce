//! Exercise 1: a pipeline that ends by itself.
//!
//! `sum_of` applies `work` to every number and returns the sum of the
//! results. One thread feeds `numbers` into a channel that holds at most 16
//! of them; `workers` threads (at least one) take numbers from it, each
//! calling `work` itself, and send the results into a second channel; the
//! calling thread adds up what comes out. Every thread stops by itself once
//! its input is used up, and then `sum_of` returns.
//!
//! Check your answer with `cargo exercises 06`.

use std::thread;

use crossbeam_channel::bounded;

/// `work` is a plain function (`fn`), so every worker can have its own copy.
pub fn sum_of(
    numbers: impl Iterator<Item = u64> + Send + 'static,
    workers: usize,
    work: fn(u64) -> u64,
) -> u64 {
    // TODO: feed, work on `workers` threads, and sum, with two channels.
    todo!("a pipeline of threads that ends when its input does")
}
