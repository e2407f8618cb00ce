//! Exercise 3: work on borrowed chunks (reference solution).

use std::thread;

pub fn map_chunks<F>(data: &[u64], threads: usize, work: F) -> Vec<u64>
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    let size = data.len().div_ceil(threads).max(1);
    let work = &work; // each thread borrows the same closure
    thread::scope(|s| {
        // Spawn every thread before joining any, or they would run one by one.
        let handles: Vec<_> = data
            .chunks(size)
            .map(|chunk| s.spawn(move || work(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a worker panicked"))
            .collect()
    })
}
