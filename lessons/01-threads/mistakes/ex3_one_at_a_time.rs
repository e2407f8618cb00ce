//! WRONG: each chunk's thread is joined before the next one is spawned
//! Exercise 3: work on borrowed chunks.

use std::thread;

pub fn map_chunks<F>(data: &[u64], threads: usize, work: F) -> Vec<u64>
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    let size = data.len().div_ceil(threads).max(1);
    let work = &work;
    thread::scope(|s| {
        data.chunks(size)
            .map(|chunk| {
                s.spawn(move || work(chunk))
                    .join()
                    .expect("a worker panicked")
            })
            .collect()
    })
}
