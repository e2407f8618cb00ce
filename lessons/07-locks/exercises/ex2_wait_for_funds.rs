//! Exercise 2: wait for the money.
//!
//! `withdraw_within` takes `amount` from the account, waiting (at most
//! `timeout`) until the balance is large enough. It returns `true` if it
//! withdrew, `false` if it gave up, and then leaves the balance alone.
//! `deposit` adds money and wakes EVERY waiting withdrawal: each one checks
//! whether there is now enough for it.
//!
//! Check your answer with `cargo exercises 07`.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct Account {
    balance: Mutex<i64>,
    funds_arrived: Condvar,
}

impl Account {
    pub fn new(balance: i64) -> Self {
        Self {
            balance: Mutex::new(balance),
            funds_arrived: Condvar::new(),
        }
    }

    pub fn balance(&self) -> i64 {
        *self.balance.lock().unwrap()
    }

    pub fn deposit(&self, amount: i64) {
        // TODO: add `amount` to the balance, then wake every waiting withdrawal.
        todo!("add money and wake the waiters")
    }

    pub fn withdraw_within(&self, amount: i64, timeout: Duration) -> bool {
        // TODO: wait on `funds_arrived` while the balance is below `amount`,
        // for at most `timeout` (`Condvar::wait_timeout_while`).
        // TODO: if there is enough now, withdraw and return true; else false.
        todo!("wait until the balance covers `amount`")
    }
}
