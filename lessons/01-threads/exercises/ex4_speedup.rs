//! Exercise 4: measure a speedup.
//!
//! Run `job` `copies` times one after the other and time it. Then run `copies`
//! copies of `job` at the same time, each on its own scoped thread, and time
//! that. Return how many times faster the second way was (sequential time
//! divided by threaded time). Use `std::time::Instant` to time things.
//!
//! Try it on waiting work and on computing work (see the tests): which one
//! speeds up beyond the number of CPUs, and why?
//!
//! Check your answer with `cargo exercises 01`.

use std::thread;
use std::time::Instant;

pub fn speedup<F>(copies: usize, job: F) -> f64
where
    F: Fn() + Sync,
{
    // TODO: time `copies` calls of `job` in a row.
    // TODO: time `copies` scoped threads that each call `job` once.
    // TODO: return the first time divided by the second (as f64 seconds).
    todo!("time the job both ways and compare")
}
