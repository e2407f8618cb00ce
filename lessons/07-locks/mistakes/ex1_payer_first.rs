//! WRONG: locks the paying account first, so two opposite transfers (or a
//! transfer and the auditor) can deadlock.

use std::sync::Mutex;

pub fn transfer(accounts: &[Mutex<i64>], from: usize, to: usize, amount: i64) {
    if from == to {
        return;
    }
    let mut payer = accounts[from].lock().unwrap();
    let mut payee = accounts[to].lock().unwrap();
    *payer -= amount;
    *payee += amount;
}
