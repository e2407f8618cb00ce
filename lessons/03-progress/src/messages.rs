//! Progress through messages: the worker sends news, and finally its result.

use std::thread;
use std::time::Duration;

use crossbeam_channel::{Sender, unbounded};

// ANCHOR: events
/// What a worker tells main. The last message carries the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Progress { worker: usize, done: u32 },
    Finished { worker: usize, indexed: u32 },
}

/// Indexes `files` files, sending an event after each one, then the result.
pub fn index_and_report(
    worker: usize,
    files: u32,
    per_file: Duration,
    events: Sender<Event>,
) {
    for done in 1..=files {
        thread::sleep(per_file); // stands in for indexing one file
        if events.send(Event::Progress { worker, done }).is_err() {
            return; // nobody is listening any more: stop working
        }
    }
    let _ = events.send(Event::Finished {
        worker,
        indexed: files,
    });
}
// ANCHOR_END: events

/// Starts `workers` workers that share one channel, and receives their events
/// until the channel closes: by then every worker has sent its result, or died
/// trying. `show` sees each worker's count. Returns the results and how many
/// progress events arrived.
// ANCHOR: receive
pub fn receive_all(
    workers: usize,
    files: u32,
    per_file: Duration,
    mut show: impl FnMut(&[u32]),
) -> (Vec<u32>, usize) {
    let (sender, events) = unbounded();
    let threads: Vec<_> = (0..workers)
        .map(|worker| {
            let sender = sender.clone();
            thread::spawn(move || {
                index_and_report(worker, files, per_file, sender)
            })
        })
        .collect();
    drop(sender); // now the channel closes when the last worker is done
    let mut done = vec![0; workers];
    let mut results = vec![0; workers];
    let mut received = 0;
    for event in events.iter() {
        match event {
            Event::Progress {
                worker,
                done: count,
            } => {
                received += 1;
                done[worker] = count;
                show(&done);
            }
            Event::Finished { worker, indexed } => results[worker] = indexed,
        }
    }
    for thread in threads {
        // done already: the channel closed
        thread.join().expect("a worker panicked");
    }
    (results, received)
}
// ANCHOR_END: receive
