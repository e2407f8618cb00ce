//! WRONG: joins the jobs in input order, so the values come back in input order
//! Exercise 3: as they complete.

use std::thread;
use std::time::{Duration, Instant};

/// A job to run: any closure that returns a `T` and may move to another thread.
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

pub fn as_completed<T>(jobs: Vec<Job<T>>, deadline: Duration) -> Vec<T>
where
    T: Send + 'static,
{
    let give_up_at = Instant::now() + deadline;
    let handles: Vec<_> = jobs.into_iter().map(thread::spawn).collect();
    let mut finished = Vec::new();
    for handle in handles {
        // Wait for this job, but not past the deadline.
        while !handle.is_finished() && Instant::now() < give_up_at {
            thread::sleep(Duration::from_millis(1));
        }
        if !handle.is_finished() {
            break;
        }
        if let Ok(value) = handle.join() {
            finished.push(value);
        }
    }
    finished
}
