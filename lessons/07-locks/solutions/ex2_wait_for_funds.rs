//! Exercise 2: wait for the money (reference solution).

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
        *self.balance.lock().unwrap() += amount;
        // All, not one: waiters want different amounts, and the one woken by
        // `notify_one` might not be the one this deposit can satisfy.
        self.funds_arrived.notify_all();
    }

    pub fn withdraw_within(&self, amount: i64, timeout: Duration) -> bool {
        let balance = self.balance.lock().unwrap();
        // Sleeps with the lock released, so depositors can get in; re-checks
        // after every wake-up, including the spurious ones.
        let (mut balance, _) = self
            .funds_arrived
            .wait_timeout_while(balance, timeout, |balance| *balance < amount)
            .unwrap();
        // Decide on the balance, not on the timeout flag: money may have
        // arrived at the very last moment.
        if *balance < amount {
            return false;
        }
        *balance -= amount;
        true
    }
}
