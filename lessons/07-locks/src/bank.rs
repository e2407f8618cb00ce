//! The seed's bank, between threads: a balance of 200, a depositor and a
//! withdrawer, each doing the same number of operations. The balance must end
//! at 200.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Barrier, Mutex};
use std::thread;

/// Runs `deposit` and `withdraw` on two threads that start at the same moment,
/// each `ops` times.
fn two_clerks(ops: u32, deposit: impl Fn() + Sync, withdraw: impl Fn() + Sync) {
    let start = Barrier::new(2); // both threads begin together, so they overlap
    thread::scope(|s| {
        s.spawn(|| {
            start.wait();
            (0..ops).for_each(|_| deposit());
        });
        s.spawn(|| {
            start.wait();
            (0..ops).for_each(|_| withdraw());
        });
    });
}

// ANCHOR: racy
/// Each update reads the balance, then writes it back: two separate steps.
/// Between them the other thread can write, and that write is lost.
/// (An atomic, so the program compiles; used wrongly, so the race is real.)
pub fn racy(ops: u32) -> i64 {
    let balance = AtomicI64::new(200);
    let add = |amount: i64| {
        let read = balance.load(Ordering::SeqCst);
        // the work between reading and writing: checks, logs...
        thread::yield_now();
        balance.store(read + amount, Ordering::SeqCst);
    };
    two_clerks(ops, || add(1), || add(-1));
    balance.into_inner()
}
// ANCHOR_END: racy

// ANCHOR: fixed
/// Fix 1: a `Mutex`. Reading and writing happen while holding the lock, so
/// the other thread cannot come between them.
pub fn with_mutex(ops: u32) -> i64 {
    let balance = Mutex::new(200);
    let add = |amount: i64| {
        let mut guard = balance.lock().unwrap();
        let read = *guard;
        thread::yield_now();
        *guard = read + amount;
    }; // the guard is dropped here: unlocked
    two_clerks(ops, || add(1), || add(-1));
    balance.into_inner().unwrap()
}

/// Fix 2: one atomic read-modify-write. `fetch_add` is a single indivisible
/// step, so there is no "between" at all.
pub fn with_fetch_add(ops: u32) -> i64 {
    let balance = AtomicI64::new(200);
    let add = |amount: i64| {
        balance.fetch_add(amount, Ordering::SeqCst);
    };
    two_clerks(ops, || add(1), || add(-1));
    balance.into_inner()
}
// ANCHOR_END: fixed

// ANCHOR: count
/// Runs a bank `runs` times and counts the runs that did not end at 200.
pub fn wrong_runs(runs: u32, bank: impl Fn() -> i64) -> (u32, Vec<i64>) {
    let balances: Vec<i64> = (0..runs).map(|_| bank()).collect();
    let wrong = balances.iter().filter(|&&b| b != 200).count() as u32;
    (wrong, balances)
}
// ANCHOR_END: count
