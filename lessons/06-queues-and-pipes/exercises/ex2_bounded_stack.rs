//! Exercise 2: a bounded stack.
//!
//! `BoundedStack` is a last-in-first-out queue that holds at most `capacity`
//! items, like Python's `LifoQueue(maxsize=capacity)`. `push_timeout` waits
//! while the stack is full: if it is still full after `timeout`, it gives the
//! item back as `Err(item)`. `pop_timeout` waits while the stack is empty: if
//! it is still empty after `timeout`, it returns `None`.
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

    pub fn push_timeout(&self, item: T, timeout: Duration) -> Result<(), T> {
        // TODO: lock the items and wait on `not_full` while the stack is full,
        // for at most `timeout` (`Condvar::wait_timeout_while`).
        // TODO: still full? Give the item back. Otherwise push it and wake a popper.
        todo!("push, waiting for room")
    }

    pub fn pop_timeout(&self, timeout: Duration) -> Option<T> {
        // TODO: wait on `not_empty` while the stack is empty, for at most `timeout`.
        // TODO: pop the last item; if you got one, wake a pusher.
        todo!("pop, waiting for an item")
    }
}
