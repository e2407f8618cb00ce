//! A lock in shared memory that sleeps while it waits: one `AtomicU32` with
//! three states, and the kernel's futex to sleep on it (chapter 9 of Rust
//! Atomics and Locks builds the same lock between threads).

// ANCHOR: futex_lock
use std::time::{Duration, Instant};

// Atomics and the futex calls of `crate::sync`: `tests/loom.rs` compiles
// this file again with loom's models of them.
use crate::sync::spin_loop;
use crate::sync::{AtomicU32, Ordering, SPINS, futex_wait, futex_wake_one};

const FREE: u32 = 0;
const TAKEN: u32 = 1;
/// Taken, and someone may be asleep waiting for it.
const WAITERS: u32 = 2;

/// Holds the lock while alive; dropping it lets go.
pub struct FutexGuard<'a> {
    word: &'a AtomicU32,
}

/// Takes the lock `word`, waiting at most `deadline`. Free: one atomic step,
/// no system call.
pub fn lock(word: &AtomicU32, deadline: Duration) -> Option<FutexGuard<'_>> {
    let free = word.compare_exchange(
        FREE,
        TAKEN,
        Ordering::Acquire,
        Ordering::Relaxed,
    );
    if free.is_err() {
        lock_contended(word, deadline)?;
    }
    Some(FutexGuard { word })
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
    // Mark the lock WAITERS, so its holder wakes us when it lets go; if
    // the swap found it FREE, we hold it now.
    while word.swap(WAITERS, Ordering::Acquire) != FREE {
        let left = deadline.checked_sub(start.elapsed())?;
        // Sleeps in the kernel while the word is still WAITERS.
        futex_wait(word, WAITERS, left);
    }
    Some(())
}

impl Drop for FutexGuard<'_> {
    fn drop(&mut self) {
        // Release: what we wrote is published before the lock looks free.
        if self.word.swap(FREE, Ordering::Release) == WAITERS {
            futex_wake_one(self.word); // a system call only if needed
        }
    }
}
// ANCHOR_END: contended
