//! Exercise 4: measure a speedup (reference solution).

use std::thread;
use std::time::Instant;

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
