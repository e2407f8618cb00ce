//! Exercise 1: a pipeline that ends by itself.
//!
//! Apply `work` to every number on `workers` threads at once, and return the
//! sum of the results. One thread feeds `numbers` into a bounded channel; the
//! workers take numbers from it and send each result into a second channel; the
//! calling thread sums what comes out. Use no end marker: every loop must end
//! because the channel it reads has closed (all of its senders are gone).
//!
//! Check your answer with `cargo exercises 06`.

use crossbeam_channel::bounded;
use std::thread;

/// `work` is a plain function (`fn`), so every worker can have its own copy.
pub fn sum_of(numbers: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> u64 {
    // TODO: make the two channels with `bounded` (16 places each is plenty).
    // TODO: spawn the feeder, and `workers` workers that each hold a clone of
    // the first receiver and of the second sender.
    // TODO: drop every sender this function still holds, sum what comes out of
    // the second channel, then join the threads.
    todo!("feed, apply `work` on several workers, and sum")
}
