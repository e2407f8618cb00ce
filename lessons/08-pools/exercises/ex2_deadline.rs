//! Exercise 2: a result with a deadline.
//!
//! Run `work` in the background (on a new thread) and wait for its result for
//! at most `deadline`. Return `Some(result)` if it arrived in time, `None`
//! otherwise. Return as soon as the result arrives, and never wait much
//! longer than `deadline`, however long `work` takes.
//!
//! Check your answer with `cargo exercises 08`.

use std::time::Duration;

pub fn with_deadline<R, F>(work: F, deadline: Duration) -> Option<R>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    // TODO: make a way for a thread to hand back one result.
    // TODO: run `work` on a thread of its own.
    // TODO: wait for the result, but only until `deadline`.
    todo!("wait for the background work, but not past the deadline")
}
