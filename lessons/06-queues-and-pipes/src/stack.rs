//! Python's `LifoQueue` and `PriorityQueue`: a small blocking queue built from
//! a `Mutex` (one thread at a time touches the items) and a `Condvar` (a
//! getter sleeps until a putter says there is something to take).

use std::collections::BinaryHeap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

// ANCHOR: store
/// Where a queue keeps its items; the order comes from the store.
pub trait Store<T> {
    fn put(&mut self, item: T);
    fn take(&mut self) -> Option<T>;
    fn is_empty(&self) -> bool;
}

/// Last in, first out (`LifoQueue`): a `Vec` used as a stack.
impl<T> Store<T> for Vec<T> {
    fn put(&mut self, item: T) {
        self.push(item);
    }
    fn take(&mut self) -> Option<T> {
        self.pop()
    }
    fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

/// Largest first (`PriorityQueue` gives the *smallest* first: wrap items in
/// `std::cmp::Reverse` for that).
impl<T: Ord> Store<T> for BinaryHeap<T> {
    fn put(&mut self, item: T) {
        self.push(item);
    }
    fn take(&mut self) -> Option<T> {
        self.pop()
    }
    fn is_empty(&self) -> bool {
        BinaryHeap::is_empty(self)
    }
}
// ANCHOR_END: store

// ANCHOR: queue
/// A queue that threads share by reference (`&BlockingQueue`, or in an `Arc`).
pub struct BlockingQueue<S> {
    items: Mutex<S>,
    not_empty: Condvar,
}

impl<S> BlockingQueue<S> {
    pub fn new(store: S) -> Self {
        Self {
            items: Mutex::new(store),
            not_empty: Condvar::new(),
        }
    }

    pub fn put<T>(&self, item: T)
    where
        S: Store<T>,
    {
        self.items.lock().unwrap().put(item);
        self.not_empty.notify_one(); // wake one getter, if one is waiting
    }

    /// Takes the next item, waiting up to `timeout` for one to arrive.
    pub fn get_timeout<T>(&self, timeout: Duration) -> Option<T>
    where
        S: Store<T>,
    {
        let items = self.items.lock().unwrap();
        // Sleeps (and lets go of the lock) while the store is empty; wakes up
        // to check again when notified, and gives up after `timeout`.
        let (mut items, _) = self
            .not_empty
            .wait_timeout_while(items, timeout, |items| items.is_empty())
            .unwrap();
        items.take()
    }
}
// ANCHOR_END: queue

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Reverse;

    #[test]
    fn the_store_sets_the_order() {
        let ms = Duration::from_millis(10);
        let lifo = BlockingQueue::new(Vec::new());
        (1..=3).for_each(|n| lifo.put(n));
        let out: Vec<i32> =
            (0..3).filter_map(|_| lifo.get_timeout(ms)).collect();
        assert_eq!(out, [3, 2, 1]);
        let smallest_first = BlockingQueue::new(BinaryHeap::new());
        [2, 3, 1]
            .into_iter()
            .for_each(|n| smallest_first.put(Reverse(n)));
        let out: Vec<i32> = (0..3)
            .filter_map(|_| smallest_first.get_timeout(ms))
            .map(|r| r.0)
            .collect();
        assert_eq!(out, [1, 2, 3]);
        assert_eq!(lifo.get_timeout::<i32>(ms), None);
    }
}
