//! A lock that lives inside shared memory: one `AtomicU32`, 0 when free and 1
//! when held. Any process that maps the memory can take it.

use std::time::{Duration, Instant};

// The standard library's atomics, `spin_loop` and `yield_now` (see
// `crate::sync`); `tests/loom.rs` compiles this same file with loom's models
// of them instead, to check the lock under every interleaving.
use crate::sync::{AtomicU32, Ordering, spin_loop, yield_now};

/// Holds the lock word at 1 while alive; dropping it lets go. It owns no
/// data: the lock guards whatever the code that takes it agrees to touch
/// only while holding it (here, the balance).
pub struct SpinGuard<'a> {
    word: &'a AtomicU32,
}

// ANCHOR: spin
/// Takes the lock `word`, waiting at most `deadline`.
pub fn lock(word: &AtomicU32, deadline: Duration) -> Option<SpinGuard<'_>> {
    let (start, mut tries) = (Instant::now(), 0u32);
    // Acquire: what the last holder wrote before letting go is visible to us.
    while word
        .compare_exchange_weak(0, 1, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        // Plain loads until the word looks free: reading does not fight
        // the other cores for the cache line, as a write attempt does.
        while word.load(Ordering::Relaxed) != 0 {
            tries = tries.saturating_add(1);
            if tries < 100 {
                spin_loop(); // the holder is probably running
            } else {
                yield_now(); // or it is not: give it our CPU
                if start.elapsed() > deadline {
                    return None;
                }
            }
        }
    }
    Some(SpinGuard { word })
}
// ANCHOR_END: spin

// ANCHOR: spin_unlock
impl Drop for SpinGuard<'_> {
    fn drop(&mut self) {
        // Release: everything we wrote while holding the lock is published
        // before the next holder can see the lock free.
        self.word.store(0, Ordering::Release);
    }
}
// ANCHOR_END: spin_unlock
