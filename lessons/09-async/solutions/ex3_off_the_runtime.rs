//! Exercise 3: keep slow code off the runtime (reference solution).

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
    // `spawn_blocking` runs the closure on a thread of tokio's blocking pool; the
    // runtime's own thread is free to run other tasks until the result is ready.
    // The closure must own its data (`move`): it may outlive this function's frame.
    tokio::task::spawn_blocking(move || checksum(&data, rounds))
        .await
        .expect("the checksum panicked")
}
