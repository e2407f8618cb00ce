//! WRONG: computes right inside the async function: the runtime's thread is
//! held until every answer is done.

/// CPU-bound work. Do not change it.
pub fn crunch(input: u64) -> u64 {
    (0..200_000u64).fold(input, |acc, i| acc.rotate_left(3) ^ i)
}

pub async fn crunch_all(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    inputs.into_iter().map(work).collect()
}
