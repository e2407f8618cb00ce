//! WRONG: waits the whole deadline again for each value, not the time left
//! Exercise 3: as they complete.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// A job to run: any closure that returns a `T` and may move to another thread.
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

pub fn as_completed<T>(jobs: Vec<Job<T>>, deadline: Duration) -> Vec<T>
where
    T: Send + 'static,
{
    let count = jobs.len();
    let (sender, values) = mpsc::channel();
    for job in jobs {
        let sender = sender.clone();
        thread::spawn(move || {
            // Main may have stopped listening (deadline passed); then this send
            // fails.
            let _ = sender.send(job());
        });
    }
    // With main's sender gone, the channel closes when the last job ends, even
    // if some of them panicked instead of sending.
    drop(sender);
    let mut finished = Vec::with_capacity(count);
    while finished.len() < count {
        match values.recv_timeout(deadline) {
            Ok(value) => finished.push(value),
            // Timeout: the deadline has passed. Disconnected: no job can send
            // any more.
            Err(_) => break,
        }
    }
    finished
}
