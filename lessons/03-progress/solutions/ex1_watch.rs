//! Exercise 1: watch a worker's progress (reference solution).

use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

pub fn watch<F>(work: F, every: Duration) -> (u64, Vec<u32>)
where
    F: FnOnce(&AtomicU32) -> u64 + Send,
{
    let progress = AtomicU32::new(0);
    // A scoped thread may borrow `progress`: the scope outlives the thread.
    thread::scope(|s| {
        let worker = s.spawn(|| work(&progress));
        let mut seen = Vec::new();
        // `is_finished` never blocks, so main stays free to read and report.
        while !worker.is_finished() {
            seen.push(progress.load(Ordering::Relaxed));
            thread::sleep(every);
        }
        let result = worker.join().expect("the worker panicked");
        // The last reading in the loop may predate the worker's last step.
        seen.push(progress.load(Ordering::Relaxed));
        (result, seen)
    })
}
