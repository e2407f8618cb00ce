//! What exercise 3's `add_one` may do with a counter: the methods of
//! `AtomicI64` it can use, as a trait. The tests pass it an `AtomicI64` in
//! shared memory, and also a stand-in that lets another writer in at the worst
//! moment, every time: a race that real processes hit only now and then.

use std::sync::atomic::{AtomicI64, Ordering};

/// A shared `i64` changed only by atomic operations: `AtomicI64`'s methods,
/// with the same names and arguments.
pub trait Counter {
    fn load(&self, order: Ordering) -> i64;

    fn store(&self, value: i64, order: Ordering);

    fn fetch_add(&self, value: i64, order: Ordering) -> i64;

    fn compare_exchange(
        &self,
        current: i64,
        new: i64,
        success: Ordering,
        failure: Ordering,
    ) -> Result<i64, i64>;

    /// May fail even when the counter holds `current` (on some processors);
    /// by default it is `compare_exchange`.
    fn compare_exchange_weak(
        &self,
        current: i64,
        new: i64,
        success: Ordering,
        failure: Ordering,
    ) -> Result<i64, i64> {
        self.compare_exchange(current, new, success, failure)
    }

    /// `AtomicI64::fetch_update`: calls `update` on the value, and again on
    /// the new value each time another writer got in first.
    fn fetch_update<F>(
        &self,
        set_order: Ordering,
        fetch_order: Ordering,
        mut update: F,
    ) -> Result<i64, i64>
    where
        F: FnMut(i64) -> Option<i64>,
    {
        let mut seen = self.load(fetch_order);
        while let Some(new) = update(seen) {
            match self.compare_exchange_weak(seen, new, set_order, fetch_order)
            {
                Ok(old) => return Ok(old),
                Err(actual) => seen = actual,
            }
        }
        Err(seen)
    }
}

impl Counter for AtomicI64 {
    fn load(&self, order: Ordering) -> i64 {
        AtomicI64::load(self, order)
    }

    fn store(&self, value: i64, order: Ordering) {
        AtomicI64::store(self, value, order);
    }

    fn fetch_add(&self, value: i64, order: Ordering) -> i64 {
        AtomicI64::fetch_add(self, value, order)
    }

    fn compare_exchange(
        &self,
        current: i64,
        new: i64,
        success: Ordering,
        failure: Ordering,
    ) -> Result<i64, i64> {
        AtomicI64::compare_exchange(self, current, new, success, failure)
    }

    fn compare_exchange_weak(
        &self,
        current: i64,
        new: i64,
        success: Ordering,
        failure: Ordering,
    ) -> Result<i64, i64> {
        AtomicI64::compare_exchange_weak(self, current, new, success, failure)
    }
}
