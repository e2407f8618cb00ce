//! WRONG: the results come back in the order the chunks finish, through a
//! channel Exercise 3: work on borrowed chunks.

use std::sync::mpsc;
use std::thread;

pub fn map_chunks<F>(data: &[u64], threads: usize, work: F) -> Vec<u64>
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    let size = data.len().div_ceil(threads).max(1);
    let work = &work;
    let (sender, results) = mpsc::channel();
    thread::scope(|s| {
        for chunk in data.chunks(size) {
            let sender = sender.clone();
            s.spawn(move || sender.send(work(chunk)).unwrap());
        }
    });
    drop(sender);
    results.iter().collect()
}
