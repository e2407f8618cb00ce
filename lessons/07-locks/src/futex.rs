//! The kernel's futex, shared between processes: sleep while a word in
//! shared memory holds a value, and wake a sleeper.

// ANCHOR: futex
use std::sync::atomic::AtomicU32;
use std::time::Duration;

use rustix::thread::futex::{self, Flags, Timespec};

/// Without `Flags::PRIVATE`: the kernel finds sleepers by the shared object
/// and offset behind `word`, so processes that map the same memory meet on
/// it.
const SHARED: Flags = Flags::empty();

/// Sleeps while `word` is `expected`, at most `limit`. It may also return
/// early (a signal, or a stray wake-up): the caller looks at `word` again.
pub fn wait(word: &AtomicU32, expected: u32, limit: Duration) {
    let limit = Timespec::try_from(limit).unwrap_or(Timespec {
        tv_sec: i64::MAX,
        tv_nsec: 0,
    });
    // EAGAIN (the word was not `expected`), ETIMEDOUT and EINTR all mean
    // the same to the caller: look again.
    let _ = futex::wait(word, SHARED, expected, Some(&limit));
}

/// Wakes one process or thread asleep in `wait` on `word`.
pub fn wake_one(word: &AtomicU32) {
    let _ = futex::wake(word, SHARED, 1);
}
// ANCHOR_END: futex
