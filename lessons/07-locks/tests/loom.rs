//! The spin lock of `src/spin.rs` and the futex lock of `src/futex_lock.rs`,
//! checked with loom under every interleaving (and every reordering the
//! memory model allows) of two threads.
//!
//! Loom is heavy to build, so this test needs the `loom` feature:
//!
//! ```text
//! cargo test -p lesson-07 --features loom --test loom --release
//! ```
//!
//! What loom does not cover: it never makes `compare_exchange_weak` fail
//! spuriously, and the time limit is never reached here (loom's threads do not
//! die holding the lock), so the `return None` path is tested in
//! `tests/spin.rs` and `tests/futex_lock.rs`.
//!
//! Loom has no futex, so `sync` below models one: a loom `Mutex` and
//! `Condvar`. `futex_wait` looks at the word and goes to sleep in one step
//! (under the mutex), as the kernel does under its own lock; `futex_wake_one`
//! wakes one sleeper. What that covers: a wake-up lost between a waiter's
//! last look at the word and its sleep would leave a thread asleep for ever,
//! and loom reports that as a deadlock. What it does not: the model ignores
//! the time limit (it sleeps until woken) and never wakes a sleeper for no
//! reason, and it is one futex for every word (fine here: there is one).
//! Nor does it spin before it sleeps (`SPINS` below): the spin only looks at
//! the word, and without it every model reaches the sleep.

use std::time::Duration;

use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::sync::atomic::AtomicU32;

/// What `spin.rs` and `futex_lock.rs` are built from, as loom's models.
mod sync {
    use std::time::Duration;

    use loom::sync::{Condvar, Mutex};

    pub use loom::hint::spin_loop;
    pub use loom::sync::atomic::{AtomicU32, Ordering};
    pub use loom::thread::yield_now;
    /// No spinning before the futex lock sleeps. Loom runs the other thread
    /// whenever one spins, so with the lesson's 100 spins the holder would
    /// always let go first, and no model would reach the sleep.
    pub const SPINS: u32 = 0;

    loom::lazy_static! {
        /// The futex's sleepers, and the lock that makes look-then-sleep
        /// one step.
        static ref FUTEX: (Mutex<()>, Condvar) = (Mutex::new(()), Condvar::new());
    }

    /// Sleeps while `word` is `expected` (the time limit is not modelled).
    pub fn futex_wait(word: &AtomicU32, expected: u32, _limit: Duration) {
        let sleepers = FUTEX.0.lock().unwrap();
        if word.load(Ordering::Relaxed) == expected {
            drop(FUTEX.1.wait(sleepers).unwrap());
        }
    }

    /// Wakes one sleeper, if there is one.
    pub fn futex_wake_one(_word: &AtomicU32) {
        let _sleepers = FUTEX.0.lock().unwrap();
        FUTEX.1.notify_one();
    }
}

/// The lesson's spin lock, compiled again against loom's atomics.
#[path = "../src/spin.rs"]
mod spin;

/// The lesson's futex lock, compiled again against loom's atomics and the
/// futex model above.
// With `SPINS` 0 the spin's range is empty, as intended here.
#[allow(clippy::reversed_empty_ranges)]
#[path = "../src/futex_lock.rs"]
mod futex_lock;

/// Longer than any model takes: the time limit is never what ends a wait.
const LONG: Duration = Duration::from_secs(60);

/// Two clerks, +1 and -1, each update a plain balance while holding the
/// lock word, inside `locked` (which takes the lock, runs the update, and
/// lets go). Loom reports any access the lock does not order (a wrong
/// `Acquire`/`Release`), and any thread left asleep for ever.
fn two_clerks(locked: fn(&AtomicU32, &mut dyn FnMut())) {
    loom::model(move || {
        let word = Arc::new(AtomicU32::new(0));
        let balance = Arc::new(UnsafeCell::new(200_i64));
        let clerks: Vec<_> = [1_i64, -1]
            .into_iter()
            .map(|amount| {
                let (word, balance) = (Arc::clone(&word), Arc::clone(&balance));
                loom::thread::spawn(move || {
                    locked(&word, &mut || {
                        // SAFETY: `locked` runs this while it holds the lock,
                        // so no other thread is in its critical section, the
                        // only place that touches the balance.
                        balance.with_mut(|b| unsafe { *b += amount });
                    });
                })
            })
            .collect();
        for clerk in clerks {
            clerk.join().unwrap();
        }
        // SAFETY: both clerks have been joined; no one else holds the balance.
        assert_eq!(balance.with(|b| unsafe { *b }), 200);
    });
}

#[test]
fn the_spin_lock_excludes_and_publishes() {
    two_clerks(|word, update| {
        let _held = spin::lock(word, LONG).unwrap();
        update();
    });
}

#[test]
fn the_futex_lock_excludes_publishes_and_wakes() {
    two_clerks(|word, update| {
        let _held = futex_lock::lock(word, LONG).unwrap();
        update();
    });
}
