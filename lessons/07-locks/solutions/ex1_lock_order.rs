//! Exercise 1: transfers that cannot deadlock (reference solution).

use std::sync::Mutex;

pub fn transfer(accounts: &[Mutex<i64>], from: usize, to: usize, amount: i64) {
    // Locking one `Mutex` twice on one thread waits for ever (or panics).
    if from == to {
        return;
    }
    // One global order (by index) for every thread: no thread can hold the
    // higher lock while waiting for the lower one, so no cycle can form.
    let (low, high) = (from.min(to), from.max(to));
    let mut low_balance = accounts[low].lock().unwrap();
    let mut high_balance = accounts[high].lock().unwrap();
    if from == low {
        *low_balance -= amount;
        *high_balance += amount;
    } else {
        *high_balance -= amount;
        *low_balance += amount;
    }
}
