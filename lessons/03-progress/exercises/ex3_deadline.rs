//! Exercise 3: a job with a deadline.
//!
//! Add up `items` on a worker thread; each item takes `per_item` (a sleep
//! stands in for the work). Give the worker at most `deadline`. By then it
//! stops, at the end of the item it is on (an item is added whole or not at
//! all), and hands back what it finished. Return that as soon as the work is
//! done: when the job ends before the deadline, do not wait the deadline out.
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

pub fn sum_with_deadline(
    items: Vec<u64>,
    per_item: Duration, // how long one item takes
    deadline: Duration,
) -> Partial {
    // TODO: the sum of the items the worker finished by the deadline.
    todo!("sum the items, stopping at the deadline")
}
