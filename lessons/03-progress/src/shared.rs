//! Progress through shared state: the worker writes a number, main reads it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

// ANCHOR: counter
/// Python's "mutable argument": the worker counts the files it has indexed in
/// `done`, which the caller lent it. An atomic may be changed by one thread
/// while others read it, with no lock. `Relaxed` is enough: the number carries
/// no other data with it, and the result itself comes back through `join`.
pub fn index_files(files: u32, per_file: Duration, done: &AtomicU32) -> u32 {
    for _ in 0..files {
        thread::sleep(per_file); // stands in for reading and indexing one file
        done.fetch_add(1, Ordering::Relaxed);
    }
    files
}
// ANCHOR_END: counter

/// Runs `index_files` on a scoped thread and calls `show` with the count every
/// `every`, until the worker has finished. Returns its result and every count
/// seen, the last one read after `join`.
// ANCHOR: watch
pub fn watch(
    files: u32,
    per_file: Duration,
    every: Duration,
    mut show: impl FnMut(u32),
) -> (u32, Vec<u32>) {
    let done = AtomicU32::new(0);
    thread::scope(|s| {
        let worker = s.spawn(|| index_files(files, per_file, &done));
        let mut seen = Vec::new();
        while !worker.is_finished() {
            let now = done.load(Ordering::Relaxed);
            show(now);
            seen.push(now);
            thread::sleep(every);
        }
        let indexed = worker.join().expect("the indexer panicked");
        // The last look may have come before the worker's last step: look
        // again.
        let last = done.load(Ordering::Relaxed);
        show(last);
        seen.push(last);
        (indexed, seen)
    })
}
// ANCHOR_END: watch

// ANCHOR: job
/// Python's "object attribute": a job that knows its own progress. Main and
/// the job's thread each hold an `Arc` to the same `Job`.
pub struct Job {
    pub name: &'static str,
    pub total: u32,
    done: AtomicU32,
}

impl Job {
    pub fn new(name: &'static str, total: u32) -> Arc<Self> {
        Arc::new(Self {
            name,
            total,
            done: AtomicU32::new(0),
        })
    }

    pub fn percent(&self) -> u32 {
        match self.total {
            0 => 100, // nothing to do is all done
            total => self.done.load(Ordering::Relaxed) * 100 / total,
        }
    }

    /// Does the job's work, one item at a time, on the calling thread.
    pub fn run(&self, per_item: Duration) -> u32 {
        index_files(self.total, per_item, &self.done)
    }
}
// ANCHOR_END: job

// ANCHOR: watch_all
/// Starts every job on its own thread and shows all their progress on one
/// line until every job is done. Returns what each job returned.
pub fn watch_all(
    jobs: &[Arc<Job>],
    per_item: Duration,
    every: Duration,
    mut show: impl FnMut(&str),
) -> Vec<u32> {
    let workers: Vec<_> = jobs
        .iter()
        .map(|job| {
            let job = Arc::clone(job);
            thread::spawn(move || job.run(per_item))
        })
        .collect();
    while !workers.iter().all(|worker| worker.is_finished()) {
        let line: Vec<String> = jobs
            .iter()
            .map(|job| format!("{} {}%", job.name, job.percent()))
            .collect();
        show(&line.join(" | "));
        thread::sleep(every);
    }
    workers
        .into_iter()
        .map(|worker| worker.join().expect("a job panicked"))
        .collect()
}
// ANCHOR_END: watch_all
