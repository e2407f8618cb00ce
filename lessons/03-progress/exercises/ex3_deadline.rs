//! Exercise 3: a job with a deadline.
//!
//! Add up `items` on a worker thread; each item takes `per_item` (sleep to
//! stand in for the work). Give the worker at most `deadline`: if it has not
//! finished by then, ask it to stop (it checks a stop flag before each item)
//! and wait for it. Return what it finished. Do not wait the whole deadline
//! when the job finishes sooner.
//!
//! Check your answer with `cargo exercises 03`.

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

pub fn sum_with_deadline(items: Vec<u64>, per_item: Duration, deadline: Duration) -> Partial {
    // TODO: a stop flag, and a scoped worker that checks it before each item,
    // sleeps `per_item`, then adds the item.
    // TODO: main waits until the worker is finished or `deadline` has passed,
    // whichever comes first (poll `is_finished` every millisecond or so).
    // TODO: set the flag, join the worker, return its `Partial`.
    todo!("sum the items, stopping at the deadline")
}
