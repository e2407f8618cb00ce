//! WRONG: predicts that computing work speeds up with every copy, as waiting
//! work does Exercise 4 (stretch, optional): predict, then measure.

use std::thread;
use std::time::Instant;

/// How much faster the copies on threads are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speedup {
    /// About 1x: threads bring nothing.
    None,
    /// About the number of CPUs, and no more.
    TheCpus,
    /// About the number of copies.
    EveryCopy,
}

/// Sleeping threads use no CPU: every copy waits at the same time.
pub const WAITING: Option<Speedup> = Some(Speedup::EveryCopy);
pub const COMPUTING: Option<Speedup> = Some(Speedup::EveryCopy);

pub fn speedup<F>(copies: usize, job: F) -> f64
where
    F: Fn() + Sync,
{
    let start = Instant::now();
    for _ in 0..copies {
        job();
    }
    let one_after_another = start.elapsed();

    let start = Instant::now();
    // The scope ends only when every thread has finished, so the clock
    // stops after the last copy, not after the first.
    thread::scope(|s| {
        for _ in 0..copies {
            s.spawn(&job);
        }
    });
    let at_once = start.elapsed();

    one_after_another.as_secs_f64() / at_once.as_secs_f64()
}
