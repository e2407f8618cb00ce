//! WRONG: locks the lower account first and then always takes the money from
//! it, even when it is the one being paid.

use std::sync::Mutex;

pub fn transfer(accounts: &[Mutex<i64>], from: usize, to: usize, amount: i64) {
    if from == to {
        return;
    }
    let mut first = accounts[from.min(to)].lock().unwrap();
    let mut second = accounts[from.max(to)].lock().unwrap();
    *first -= amount;
    *second += amount;
}
