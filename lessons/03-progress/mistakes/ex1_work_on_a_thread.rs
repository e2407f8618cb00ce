//! WRONG: the chapter's way round: the work runs on a new thread and the caller
//! reports Exercise 1: a reporter thread.

use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

pub fn run_with_reporter<W, R>(work: W, every: Duration, mut report: R) -> u64
where
    W: FnOnce(&AtomicU32) -> u64 + Send,
    R: FnMut(u32) + Send,
{
    let progress = AtomicU32::new(0);
    thread::scope(|s| {
        let worker = s.spawn(|| work(&progress));
        while !worker.is_finished() {
            report(progress.load(Ordering::Relaxed));
            thread::sleep(every);
        }
        let result = worker.join().expect("the work panicked");
        report(progress.load(Ordering::Relaxed));
        result
    })
}
