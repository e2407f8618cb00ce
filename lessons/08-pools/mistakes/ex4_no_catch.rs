//! WRONG: runs the jobs as the hand-made pool does: each panic ends a worker,
//! and the pool runs dry.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender};

type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct SturdyPool {
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
    panics: Arc<AtomicUsize>,
}

impl SturdyPool {
    pub fn new(size: usize) -> std::io::Result<Self> {
        let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
        let panics = Arc::new(AtomicUsize::new(0));
        let mut workers = Vec::new();
        for number in 1..=size {
            let (queue, panics) = (queue.clone(), Arc::clone(&panics));
            let worker = thread::Builder::new()
                .name(format!("sturdy-worker-{number}"))
                .spawn(move || work_through(queue, &panics))?;
            workers.push(worker);
        }
        Ok(Self {
            jobs: Some(jobs),
            workers,
            panics,
        })
    }

    /// Puts `job` in the queue; the first worker that is free runs it.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
        let jobs = self.jobs.as_ref().expect("the queue is open until drop");
        jobs.send(Box::new(job)).expect("the workers stopped");
    }

    /// How many jobs have panicked so far.
    pub fn panicked(&self) -> usize {
        self.panics.load(Ordering::SeqCst)
    }
}

/// One worker's life: run the jobs from `queue` until it is closed.
fn work_through(queue: Receiver<Job>, panics: &AtomicUsize) {
    for job in queue {
        job();
    }
    let _ = panics; // a panic never comes back here to be counted
}

impl Drop for SturdyPool {
    fn drop(&mut self) {
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
