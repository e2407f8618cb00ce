//! WRONG: pop waits for an item with no limit: on a stack that stays empty it
//! never returns.

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
        let (mut items, _) = self
            .not_full
            .wait_timeout_while(items, timeout, |items| {
                items.len() >= self.capacity
            })
            .unwrap();
        if items.len() >= self.capacity {
            return Err(item);
        }
        items.push(item);
        self.not_empty.notify_one();
        Ok(())
    }

    pub fn pop(&self, timeout: Duration) -> Option<T> {
        let items = self.items.lock().unwrap();
        let _ = timeout;
        let mut items = self
            .not_empty
            .wait_while(items, |items| items.is_empty())
            .unwrap();
        let item = items.pop();
        if item.is_some() {
            self.not_full.notify_one();
        }
        item
    }
}
