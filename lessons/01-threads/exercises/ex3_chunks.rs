//! Exercise 3: work on borrowed chunks.
//!
//! Cut `data` into at most `threads` chunks, all of one size except maybe a
//! shorter last one: 10 numbers on 4 threads make chunks of 3, 3, 3 and 1.
//! Run `work` on every chunk at the same time, each chunk on its own thread,
//! and return the results in chunk order, whichever chunk finishes first.
//! `threads` is at least 1; an empty `data` gives an empty result.
//!
//! Check your answer with `cargo exercises 01`.

use std::thread;

pub fn map_chunks<F>(data: &[u64], threads: usize, work: F) -> Vec<u64>
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    // TODO: run `work` on each chunk, on threads that borrow `data`.
    todo!("run `work` on every chunk in parallel")
}
