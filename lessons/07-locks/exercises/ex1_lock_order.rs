//! Exercise 1: transfers that cannot deadlock.
//!
//! Move `amount` from `accounts[from]` to `accounts[to]`. Many threads call
//! this at once, in every direction, while the bank's auditor reads pairs of
//! accounts by locking them in index order, lowest first. So:
//! - no transfer may deadlock, with another transfer or with the auditor;
//! - anyone who holds both accounts' locks sees the money in exactly one of
//!   them: never in neither, never in both;
//! - a transfer from an account to itself changes nothing.
//!
//! Check your answer with `cargo exercises 07`.

use std::sync::Mutex;

pub fn transfer(accounts: &[Mutex<i64>], from: usize, to: usize, amount: i64) {
    // TODO: move the money, keeping the three promises above.
    todo!("move money between two accounts")
}
