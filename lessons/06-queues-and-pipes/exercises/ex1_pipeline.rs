//! Exercise 1: a pipeline that ends by itself.
//!
//! Square every number on `workers` threads and return the sum of the squares.
//! One thread feeds `numbers` into a bounded channel; the workers take numbers
//! from it and send each square into a second channel; the calling thread sums
//! what comes out. Use no end marker: every loop must end because the channel
//! it reads has closed (all of its senders are gone).
//!
//! Check your answer with `cargo exercises 06`.

use crossbeam_channel::bounded;
use std::thread;

pub fn sum_of_squares(numbers: Vec<u64>, workers: usize) -> u64 {
    // TODO: make the two channels with `bounded` (16 places each is plenty).
    // TODO: spawn the feeder, and `workers` workers that each hold a clone of
    // the first receiver and of the second sender.
    // TODO: drop every sender this function still holds, sum what comes out of
    // the second channel, then join the threads.
    todo!("feed, square on several workers, and sum")
}
