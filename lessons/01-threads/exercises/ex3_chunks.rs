//! Exercise 3: work on borrowed chunks.
//!
//! Cut `data` into chunks of `size` numbers, where `size` is `data.len()`
//! divided by `threads`, rounded up (the last chunk may be shorter, and there
//! may be fewer chunks than `threads`): `data.chunks(size)` does the cutting.
//! Run `work` on every chunk at the same time, each chunk on its own scoped
//! thread, and return the results in chunk order. For 10 numbers on 4 threads
//! the chunks hold 3, 3, 3 and 1 numbers. `threads` is at least 1; an empty
//! `data` gives an empty result.
//!
//! Check your answer with `cargo exercises 01`.

use std::thread;

pub fn map_chunks<F>(data: &[u64], threads: usize, work: F) -> Vec<u64>
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    // TODO: work out the chunk size (at least 1, or `chunks` panics).
    // TODO: inside `thread::scope`, spawn one thread per chunk that calls `work`;
    // start them all, then join the handles in order.
    todo!("run `work` on every chunk in parallel")
}
