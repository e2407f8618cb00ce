//! Exercise 3: keep slow code off the runtime.
//!
//! `checksum` is slow, plain (not async) code: it computes for a long time.
//! Write `checksum_async`, which gives the same answer but lets the runtime's
//! other tasks keep running while it computes, even on a one-thread runtime.
//!
//! Check your answer with `cargo exercises 09`.

/// Slow on purpose: many rounds over the data. Do not change it.
pub fn checksum(data: &[u8], rounds: u32) -> u64 {
    let mut sum: u64 = 0;
    for round in 0..rounds {
        for &byte in data {
            sum = sum.rotate_left(5) ^ (byte as u64 + round as u64);
        }
    }
    sum
}

pub async fn checksum_async(data: Vec<u8>, rounds: u32) -> u64 {
    // TODO: calling `checksum(&data, rounds)` here would hold the runtime's
    // thread until it returns. Run it somewhere else, and await its answer.
    todo!("compute the checksum without stalling the runtime")
}
