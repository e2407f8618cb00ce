//! Starting threads, naming them, and watching them run in no fixed order.

use std::sync::Mutex;
use std::thread::{self, JoinHandle};
use std::time::Duration;

// ANCHOR: cpus
/// How many threads this machine can run at the same moment (CPU cores, or
/// fewer if the program is limited to some of them).
pub fn cpu_count() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}
// ANCHOR_END: cpus

// ANCHOR: spawn
/// A worker written as a plain function.
fn greet(worker: usize) {
    println!("  worker {worker}: hello from {:?}", thread::current().id());
}

/// Starts `count` threads that each run `greet`, then waits for every one.
pub fn spawn_and_join(count: usize) {
    println!("  main: I am {:?}", thread::current().id());
    let handles: Vec<JoinHandle<()>> = (1..=count)
        .map(|worker| thread::spawn(move || greet(worker)))
        .collect();
    for handle in handles {
        // `join` blocks until that thread has finished.
        handle.join().expect("a greeting thread panicked");
    }
    println!("  main: all {count} workers have finished");
}
// ANCHOR_END: spawn

// ANCHOR: named
/// Starts one thread per name with `thread::Builder`, which can name a thread
/// (the name shows up in panic messages and in debuggers).
pub fn spawn_named(names: &[&str]) -> std::io::Result<()> {
    let mut handles = Vec::new();
    for name in names {
        let handle =
            thread::Builder::new().name(name.to_string()).spawn(|| {
                let me = thread::current();
                println!(
                    "  {}: my id is {:?}",
                    me.name().unwrap_or("?"),
                    me.id()
                );
            })?;
        handles.push(handle);
    }
    for handle in handles {
        handle.join().expect("a named thread panicked");
    }
    Ok(())
}
// ANCHOR_END: named

// ANCHOR: struct_worker
/// A worker as a struct, like a Python `Thread` subclass: the fields are its
/// arguments, `run` is its body, and `start` moves it onto a thread of its own.
pub struct Downloader {
    pub name: String,
    pub files: u32,
    pub wait: Duration,
}

impl Downloader {
    fn run(self) -> u32 {
        for file in 1..=self.files {
            thread::sleep(self.wait); // stands in for a download
            println!("  {}: got file {file} of {}", self.name, self.files);
        }
        self.files
    }

    /// Starts the worker; its handle gives back what `run` returned.
    pub fn start(self) -> std::io::Result<JoinHandle<u32>> {
        thread::Builder::new()
            .name(self.name.clone())
            .spawn(move || self.run())
    }
}
// ANCHOR_END: struct_worker

// ANCHOR: interleave
/// `workers` threads each write their number `steps` times into one log.
/// Returns the log: the order in which the steps really happened.
pub fn interleaving(workers: usize, steps: usize) -> Vec<usize> {
    let log = Mutex::new(Vec::new()); // a shared list; part `share` explains it
    thread::scope(|s| {
        for worker in 1..=workers {
            let log = &log;
            s.spawn(move || {
                for _ in 0..steps {
                    log.lock().unwrap().push(worker);
                    thread::sleep(Duration::from_millis(1));
                }
            });
        }
    });
    log.into_inner().unwrap()
}
// ANCHOR_END: interleave
