//! Exercise 1: transfers that cannot deadlock.
//!
//! Move `amount` from `accounts[from]` to `accounts[to]`, holding both locks
//! while you change the two balances, so no one ever sees the money in
//! neither or both accounts. Many threads call this at once, in every
//! direction: always lock the lower-numbered account first. A transfer from an
//! account to itself changes nothing (and must not lock the same `Mutex` twice).
//!
//! Check your answer with `cargo exercises 07`.

use std::sync::Mutex;

pub fn transfer(accounts: &[Mutex<i64>], from: usize, to: usize, amount: i64) {
    // TODO: return at once when `from == to`.
    // TODO: lock the account with the smaller index first, then the other.
    // TODO: take `amount` from `from` and add it to `to`.
    todo!("move money between two locked accounts")
}
