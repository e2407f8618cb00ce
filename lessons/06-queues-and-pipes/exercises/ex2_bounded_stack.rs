//! Exercise 2: a bounded stack.
//!
//! `BoundedStack` is a last-in-first-out queue that holds at most `capacity`
//! items, like Python's `LifoQueue(maxsize=capacity)`. `push` waits while it
//! is full, and after `timeout` gives the item back as `Err(item)`; `pop`
//! waits while it is empty, and after `timeout` returns `None`. A push wakes
//! a waiting pop, and a pop a waiting push, at once: neither sleeps on.
//!
//! Check your answer with `cargo exercises 06`.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct BoundedStack<T> {
    items: Mutex<Vec<T>>,
    capacity: usize,
    not_empty: Condvar,
    not_full: Condvar,
}

impl<T> BoundedStack<T> {
    pub fn new(capacity: usize) -> Self {
        Self {
            items: Mutex::new(Vec::with_capacity(capacity)),
            capacity,
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
        }
    }

    pub fn push(&self, item: T, timeout: Duration) -> Result<(), T> {
        // TODO: push, waiting for room, for at most `timeout`.
        todo!("push, waiting for room")
    }

    pub fn pop(&self, timeout: Duration) -> Option<T> {
        // TODO: pop, waiting for an item, for at most `timeout`.
        todo!("pop, waiting for an item")
    }
}
