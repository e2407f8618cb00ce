//! The spin lock of `src/spin.rs`, checked with loom under every interleaving
//! (and every reordering the memory model allows) of two threads.
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
//! `tests/spin.rs`.

use std::time::Duration;

use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::sync::atomic::AtomicU32;

/// What `spin.rs` is built from, as loom's models.
mod sync {
    pub use loom::hint::spin_loop;
    pub use loom::sync::atomic::{AtomicU32, Ordering};
    pub use loom::thread::yield_now;
}

/// The lesson's spin lock, compiled again against loom's atomics.
#[path = "../src/spin.rs"]
mod spin;

#[test]
fn the_spin_lock_excludes_and_publishes() {
    loom::model(|| {
        let lock = Arc::new(AtomicU32::new(0));
        // A plain (non-atomic) balance: loom reports any access that the lock
        // does not order, so a wrong `Acquire`/`Release` fails this test.
        let balance = Arc::new(UnsafeCell::new(200_i64));
        let clerks: Vec<_> = [1_i64, -1]
            .into_iter()
            .map(|amount| {
                let (lock, balance) = (Arc::clone(&lock), Arc::clone(&balance));
                loom::thread::spawn(move || {
                    let _held =
                        spin::lock(&lock, Duration::from_secs(60)).unwrap();
                    // SAFETY: `_held` is alive for this whole statement, so no
                    // other thread is in its critical section, the only place
                    // that touches the balance.
                    balance.with_mut(|b| unsafe { *b += amount });
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
