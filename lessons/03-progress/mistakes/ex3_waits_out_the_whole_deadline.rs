//! WRONG: main sleeps the whole deadline before it asks the worker to stop,
//! even when the job is long done Exercise 3: a job with a deadline.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial {
    /// The sum of the items it added.
    pub sum: u64,
    /// How many items it added: always the first ones, in order.
    pub processed: usize,
    /// Whether it was stopped before the end.
    pub stopped: bool,
}

pub fn sum_with_deadline(
    items: Vec<u64>,
    per_item: Duration, // how long one item takes
    deadline: Duration,
) -> Partial {
    let give_up_at = Instant::now() + deadline;
    let stop = AtomicBool::new(false);
    thread::scope(|s| {
        let worker = s.spawn(|| {
            let mut sum = 0;
            for (processed, item) in items.iter().enumerate() {
                // Checked between items: an item is either added whole or not
                // at all.
                if stop.load(Ordering::Relaxed) {
                    return Partial {
                        sum,
                        processed,
                        stopped: true,
                    };
                }
                thread::sleep(per_item);
                sum += item;
            }
            Partial {
                sum,
                processed: items.len(),
                stopped: false,
            }
        });
        thread::sleep(give_up_at.saturating_duration_since(Instant::now()));
        // Harmless if the worker has already finished: nobody reads the flag
        // then.
        stop.store(true, Ordering::Relaxed);
        worker.join().expect("the worker panicked")
    })
}
