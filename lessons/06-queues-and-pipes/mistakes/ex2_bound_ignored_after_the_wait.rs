//! WRONG: after waiting once for room it pushes anyway, so a full stack grows
//! past its capacity.

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
        let mut items = items;
        if items.len() >= self.capacity {
            items = self.not_full.wait_timeout(items, timeout).unwrap().0;
        }
        items.push(item);
        self.not_empty.notify_one();
        Ok(())
    }

    pub fn pop(&self, timeout: Duration) -> Option<T> {
        let items = self.items.lock().unwrap();
        let (mut items, _) = self
            .not_empty
            .wait_timeout_while(items, timeout, |items| items.is_empty())
            .unwrap();
        let item = items.pop();
        if item.is_some() {
            self.not_full.notify_one();
        }
        item
    }
}
