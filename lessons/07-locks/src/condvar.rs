//! `Condvar`: sleeping until a condition on locked data holds.

use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A withdrawal of `wanted` waits (at most `patience`) until the balance
/// covers it, while a depositor adds `deposit` every `every`, `deposits`
/// times. Returns the balance left, the wake-ups, and when it withdrew.
// ANCHOR: condvar
pub fn withdraw_when_funded(
    wanted: i64,
    deposit: i64,
    deposits: u32,
    every: Duration,
    patience: Duration,
) -> Option<(i64, u32, Duration)> {
    let balance = Mutex::new(0_i64);
    let funds_arrived = Condvar::new();
    let start = Instant::now();
    thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..deposits {
                thread::sleep(every);
                *balance.lock().unwrap() += deposit;
                // "the balance changed: check again"
                funds_arrived.notify_all();
            }
        });
        let mut wakeups = 0;
        let guard = balance.lock().unwrap();
        // Sleeps without holding the lock; wakes on each notify (or for no
        // reason), re-checks the condition, and gives up after `patience`.
        let (mut guard, timeout) = funds_arrived
            .wait_timeout_while(guard, patience, |balance| {
                wakeups += 1;
                *balance < wanted
            })
            .unwrap();
        if timeout.timed_out() && *guard < wanted {
            return None;
        }
        *guard -= wanted;
        // the first check was not a wake-up
        Some((*guard, wakeups - 1, start.elapsed()))
    })
}
// ANCHOR_END: condvar
