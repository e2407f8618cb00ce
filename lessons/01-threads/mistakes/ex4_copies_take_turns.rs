//! WRONG: each copy's thread is joined before the next starts: no copies run at
//! once Exercise 4 (stretch, optional): predict, then measure.

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
/// Computing threads each need a CPU: past the number of CPUs, they take turns.
pub const COMPUTING: Option<Speedup> = Some(Speedup::TheCpus);

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
    thread::scope(|s| {
        for _ in 0..copies {
            s.spawn(&job).join().unwrap();
        }
    });
    let at_once = start.elapsed();

    one_after_another.as_secs_f64() / at_once.as_secs_f64()
}
