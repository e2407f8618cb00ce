//! WRONG: the chunk size is rounded down, so there are more chunks than threads
//! Exercise 3: work on borrowed chunks.

use std::thread;

pub fn map_chunks<F>(data: &[u64], threads: usize, work: F) -> Vec<u64>
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    let size = (data.len() / threads).max(1);
    let work = &work;
    thread::scope(|s| {
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
