//! WRONG: a transfer from an account to itself locks the same Mutex twice,
//! which never returns (or panics).

use std::sync::Mutex;

pub fn transfer(accounts: &[Mutex<i64>], from: usize, to: usize, amount: i64) {
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
