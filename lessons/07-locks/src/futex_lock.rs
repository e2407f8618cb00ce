//! A lock in shared memory that sleeps while it waits: one `AtomicU32` with
//! three states, and the kernel's futex to sleep on it (chapter 9 of Rust
//! Atomics and Locks builds the same lock between threads).

use std::time::{Duration, Instant};

// Atomics and the futex calls of `crate::sync`: `tests/loom.rs` compiles
// this file again with loom's models of them.
use crate::sync::spin_loop;
use crate::sync::{AtomicU32, Ordering, SPINS, futex_wait, futex_wake_one};

/// Holds the lock while alive; dropping it lets go.
pub struct FutexGuard<'a> {
    word: &'a AtomicU32,
}

// ANCHOR: futex_lock
const FREE: u32 = 0;
const TAKEN: u32 = 1;
const WAITERS: u32 = 2; // taken, and someone may be asleep waiting

/// Takes the lock `word`, waiting at most `deadline`.
pub fn lock(word: &AtomicU32, deadline: Duration) -> Option<FutexGuard<'_>> {
    // Free: one atomic step, no system call.
    let (acq, rlx) = (Ordering::Acquire, Ordering::Relaxed);
    if word.compare_exchange(FREE, TAKEN, acq, rlx).is_err() {
        lock_contended(word, deadline)?;
    }
    Some(FutexGuard { word })
}

impl Drop for FutexGuard<'_> {
    fn drop(&mut self) {
        // Release: what we wrote is published before the lock looks free.
        if self.word.swap(FREE, Ordering::Release) == WAITERS {
            futex_wake_one(self.word); // a system call only if needed
        }
    }
}
// ANCHOR_END: futex_lock

// ANCHOR: contended
fn lock_contended(word: &AtomicU32, deadline: Duration) -> Option<()> {
    let start = Instant::now();
    // The holder is probably running: a short spin may be enough.
    for _ in 0..SPINS {
        if word.load(Ordering::Relaxed) != TAKEN {
            break;
        }
        spin_loop();
    }
    // Mark the word WAITERS, so its holder wakes us when it lets go; if
    // the swap found it FREE, we hold it now.
    while word.swap(WAITERS, Ordering::Acquire) != FREE {
        let left = deadline.checked_sub(start.elapsed())?;
        futex_wait(word, WAITERS, left); // asleep while the word is WAITERS
    }
    Some(())
}
// ANCHOR_END: contended
