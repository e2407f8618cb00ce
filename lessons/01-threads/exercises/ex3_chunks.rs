//! Exercise 3: work on borrowed chunks.
//!
//! Split `data` into `threads` chunks of nearly equal size (use
//! `data.chunks(size)` with `size` = `data.len()` divided by `threads`, rounded
//! up). Run `work` on every chunk at the same time, each chunk on its own
//! scoped thread, and return the results in chunk order.
//! `threads` is at least 1; an empty `data` gives an empty result.
//!
//! Check your answer with `cargo exercises 01`.

use std::thread;

pub fn map_chunks<F>(data: &[u64], threads: usize, work: F) -> Vec<u64>
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    // TODO: work out the chunk size (at least 1).
    // TODO: inside `thread::scope`, spawn one thread per chunk that calls `work`,
    // then join the handles in order.
    todo!("run `work` on every chunk in parallel")
}
