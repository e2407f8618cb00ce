//! Stopping a thread: nobody can kill it from outside, but it can be asked.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, bounded};
use tracing::{info, info_span};

/// What a stopped worker hands back: the work it finished, and whether it was
/// stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial {
    pub indexed: u32,
    pub stopped: bool,
}

// ANCHOR: flag
/// Indexes files until done or until `stop` is set. It looks at the flag
/// between files, so a request made mid-file waits for that file to finish.
pub fn index_until_flag(
    files: u32,
    per_file: Duration,
    stop: &AtomicBool,
) -> Partial {
    for indexed in 0..files {
        if stop.load(Ordering::Relaxed) {
            return Partial {
                indexed,
                stopped: true,
            };
        }
        let _span = info_span!("file", lane = "flag worker").entered();
        thread::sleep(per_file); // stands in for indexing one file
    }
    Partial {
        indexed: files,
        stopped: false,
    }
}
// ANCHOR_END: flag

/// Lets the worker run for `deadline`, then sets the flag and waits for it.
/// Returns what it finished and how long it took to stop once asked.
// ANCHOR: stop_with_flag
pub fn stop_with_flag(
    files: u32,
    per_file: Duration,
    deadline: Duration,
) -> (Partial, Duration) {
    let stop = AtomicBool::new(false);
    thread::scope(|s| {
        let worker = s.spawn(|| index_until_flag(files, per_file, &stop));
        thread::sleep(deadline);
        stop.store(true, Ordering::Relaxed);
        info!("stop!");
        let asked = Instant::now();
        (
            worker.join().expect("the indexer panicked"),
            asked.elapsed(),
        )
    })
}
// ANCHOR_END: stop_with_flag

// ANCHOR: channel
/// The same worker, told to stop through a channel. Where it would sleep, it
/// waits on the channel instead, so a stop request wakes it at once. A closed
/// channel also means stop: if main drops its sender (say, while unwinding
/// from a panic), the work ends too.
pub fn index_until_told(
    files: u32,
    per_file: Duration,
    stop: Receiver<()>,
) -> Partial {
    for indexed in 0..files {
        let _span = info_span!("file", lane = "chan worker").entered();
        match stop.recv_timeout(per_file) {
            // no request: this file is done
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => {
                return Partial {
                    indexed,
                    stopped: true,
                };
            }
        }
    }
    Partial {
        indexed: files,
        stopped: false,
    }
}
// ANCHOR_END: channel

// ANCHOR: stop_with_channel
pub fn stop_with_channel(
    files: u32,
    per_file: Duration,
    deadline: Duration,
) -> (Partial, Duration) {
    let (stop, stop_requests) = bounded(1);
    let worker =
        thread::spawn(move || index_until_told(files, per_file, stop_requests));
    thread::sleep(deadline);
    info!("stop!");
    let asked = Instant::now();
    let _ = stop.send(()); // fails only if the worker has already finished
    (
        worker.join().expect("the indexer panicked"),
        asked.elapsed(),
    )
}
// ANCHOR_END: stop_with_channel

// ANCHOR: cleanup
/// Runs when the worker's function ends, by returning or by a panic: the
/// place for cleanup such as flushing a file or deleting a temporary one.
pub struct Cleanup;

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("worker: cleanup ran");
    }
}
// ANCHOR_END: cleanup

/// A worker that checks a stop flag between files, and a `main` that either
/// just returns, or first sets the flag and waits for the worker to stop.
// ANCHOR: abandon
pub fn worker_then_return(stop_first: bool, files: u32, per_file: Duration) {
    let stop = Arc::new(AtomicBool::new(false));
    // A block as the argument: it clones the `Arc` for the worker and ends with
    // the closure, which moves in only the clone. Main keeps its own `stop`.
    let worker = thread::spawn({
        let stop = Arc::clone(&stop);
        move || {
            let _cleanup = Cleanup; // dropped when this closure ends
            for file in 1..=files {
                if stop.load(Ordering::Relaxed) {
                    println!("worker: asked to stop after {} files", file - 1);
                    return;
                }
                thread::sleep(per_file);
                println!("worker: indexed file {file} of {files}");
            }
        }
    });
    thread::sleep(per_file * 5 / 2); // main's own work
    if stop_first {
        stop.store(true, Ordering::Relaxed);
        worker.join().expect("the worker panicked");
    }
    println!("main: returning");
}
// ANCHOR_END: abandon
