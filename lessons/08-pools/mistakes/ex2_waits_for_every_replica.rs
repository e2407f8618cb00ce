//! WRONG: joins every replica's thread before answering: the call lasts as long
//! as the slowest replica.

use std::thread;
use std::time::{Duration, Instant};

pub fn first_answer<T, F>(replicas: Vec<F>, deadline: Duration) -> Option<T>
where
    T: Send + 'static,
    F: FnOnce() -> Option<T> + Send + 'static,
{
    let started = Instant::now();
    let handles: Vec<_> = replicas.into_iter().map(thread::spawn).collect();
    let mut first = None;
    for handle in handles {
        let reply = handle.join().expect("a replica panicked");
        if first.is_none() {
            first = reply;
        }
    }
    // Too late counts as no answer.
    if started.elapsed() > deadline {
        return None;
    }
    first
}
