//! Exercise 2: closing time.
//!
//! A branch of the bank counts the customers inside. `enter` lets a customer
//! in and returns a `Visit`; the customer leaves when the visit is dropped.
//! `close_within` shuts the doors for good (from then on `enter` returns
//! `None`) and waits until the last customer has left, at most `timeout`. It
//! returns `true` if the branch is empty, `false` if customers are still
//! inside. Several threads may wait in `close_within` at once: when the last
//! customer leaves, every one of them returns, without waiting out its
//! timeout.
//!
//! Check your answer with `cargo exercises 07`.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct Branch {
    doors: Mutex<Doors>,
    someone_left: Condvar,
}

struct Doors {
    open: bool,
    inside: usize,
}

/// One customer's time in the branch: leaving is dropping it.
pub struct Visit<'a> {
    branch: &'a Branch,
}

impl Branch {
    pub fn new() -> Self {
        Self {
            doors: Mutex::new(Doors {
                open: true,
                inside: 0,
            }),
            someone_left: Condvar::new(),
        }
    }

    pub fn inside(&self) -> usize {
        self.doors.lock().unwrap().inside
    }

    pub fn enter(&self) -> Option<Visit<'_>> {
        // TODO: let the customer in, unless the doors are shut.
        todo!("count the customer in, if the branch is open")
    }

    pub fn close_within(&self, timeout: Duration) -> bool {
        // TODO: shut the doors, then wait for the branch to be empty.
        todo!("close, and wait for the last customer")
    }
}

impl Default for Branch {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Visit<'_> {
    fn drop(&mut self) {
        // TODO: the customer leaves.
        todo!("count the customer out")
    }
}
