//! WRONG: the worker reads the stop flag once, before the first item, so it
//! never stops Exercise 3: a job with a deadline.

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
            if stop.load(Ordering::Relaxed) {
                return Partial {
                    sum,
                    processed: 0,
                    stopped: true,
                };
            }
            for item in &items {
                thread::sleep(per_item);
                sum += item;
            }
            Partial {
                sum,
                processed: items.len(),
                stopped: false,
            }
        });
        // Short naps instead of one long sleep: a quick job is noticed quickly.
        while !worker.is_finished() && Instant::now() < give_up_at {
            thread::sleep(Duration::from_millis(1));
        }
        // Harmless if the worker has already finished: nobody reads the flag
        // then.
        stop.store(true, Ordering::Relaxed);
        worker.join().expect("the worker panicked")
    })
}
