//! WRONG: locks in the right order, but never holds both locks at once, so for
//! a moment the money is in neither account.

use std::sync::Mutex;

pub fn transfer(accounts: &[Mutex<i64>], from: usize, to: usize, amount: i64) {
    if from == to {
        return;
    }
    let (low, high) = (from.min(to), from.max(to));
    // Each account is changed under its own lock, the lower one first...
    let low_change = if from == low { -amount } else { amount };
    *accounts[low].lock().unwrap() += low_change;
    // ...but the first lock is already released here.
    *accounts[high].lock().unwrap() -= low_change;
}
