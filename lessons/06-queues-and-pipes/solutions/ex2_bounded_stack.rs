//! Exercise 2: a bounded stack (reference solution).

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
        let items = self.items.lock().unwrap();
        // `wait_timeout_while` lets go of the lock while it sleeps, so a popper
        // can make room; it checks the condition again after every wake-up.
        let (mut items, _) = self
            .not_full
            .wait_timeout_while(items, timeout, |items| {
                items.len() >= self.capacity
            })
            .unwrap();
        // Decide on the state, not on the timeout flag: room may have come
        // at the last moment.
        if items.len() >= self.capacity {
            return Err(item);
        }
        items.push(item);
        // Two condition variables: a push wakes only poppers, never another
        // pusher.
        self.not_empty.notify_one();
        Ok(())
    }

    pub fn pop(&self, timeout: Duration) -> Option<T> {
        let items = self.items.lock().unwrap();
        let (mut items, _) = self
            .not_empty
            .wait_timeout_while(items, timeout, |items| items.is_empty())
            .unwrap();
        let item = items.pop(); // the last one in: LIFO
        if item.is_some() {
            self.not_full.notify_one();
        }
        item
    }
}
