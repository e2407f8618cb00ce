//! What a pool is: a few threads taking jobs from one queue.

use std::thread::{self, JoinHandle};

use crossbeam_channel::Sender;

// ANCHOR: handmade
/// A job is any closure a thread can run once. `dyn FnOnce()` lets closures of
/// different types share one queue, behind a `Box`; `Send` lets a job move to a
/// worker thread, and `'static` means it borrows nothing that could end first.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// A fixed set of worker threads that take jobs from one shared queue.
pub struct Pool {
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    pub fn new(size: usize) -> std::io::Result<Self> {
        let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
        let mut workers = Vec::new();
        for number in 1..=size {
            // crossbeam's receivers can be cloned: every worker waits on the
            // same queue, and each job goes to exactly one of them.
            let queue = queue.clone();
            let worker = thread::Builder::new()
                .name(format!("pool-worker-{number}"))
                .spawn(move || queue.iter().for_each(|job| job()))?;
            workers.push(worker);
        }
        Ok(Self {
            jobs: Some(jobs),
            workers,
        })
    }
    // ANCHOR_END: handmade

    // ANCHOR: handmade_execute
    /// Puts `job` in the queue; the first worker that is free runs it.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
        let jobs = self.jobs.as_ref().expect("the queue is open until drop");
        jobs.send(Box::new(job)).expect("the workers stopped");
    }
}

impl Drop for Pool {
    /// Closing the queue ends each worker's loop once the queue is empty;
    /// joining them means no job is cut off half-way.
    fn drop(&mut self) {
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
// ANCHOR_END: handmade_execute
