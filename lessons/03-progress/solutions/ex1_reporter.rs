//! Exercise 1: a reporter thread (reference solution).

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
            // `Acquire` pairs with the `Release` below: once the reporter sees
            // the flag, it also sees every step the work counted before it.
            while !done.load(Ordering::Acquire) {
                report(progress.load(Ordering::Relaxed));
                thread::sleep(every);
            }
            // The last look in the loop may predate the work's last step.
            report(progress.load(Ordering::Relaxed));
        });
        let result = work(&progress);
        done.store(true, Ordering::Release);
        result
        // The scope waits for the reporter before it returns.
    })
}
