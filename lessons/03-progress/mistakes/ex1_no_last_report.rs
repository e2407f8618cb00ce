//! WRONG: the reporter stops as soon as it sees the work is done, without a
//! last report Exercise 1: a reporter thread.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

pub fn run_with_reporter<W, R>(work: W, every: Duration, mut report: R) -> u64
where
    W: FnOnce(&AtomicU32) -> u64,
    R: FnMut(u32) + Send,
{
    let progress = AtomicU32::new(0);
    // The caller cannot ask the reporter's handle whether the work is done:
    // it is the one doing it. So it says so, with a flag of its own.
    let done = AtomicBool::new(false);
    thread::scope(|s| {
        s.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                report(progress.load(Ordering::Relaxed));
                thread::sleep(every);
            }
        });
        let result = work(&progress);
        done.store(true, Ordering::Relaxed);
        result
        // The scope waits for the reporter before it returns.
    })
}
