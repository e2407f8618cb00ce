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
    // TODO: make a channel (`crossbeam_channel::bounded(1)`).
    // TODO: spawn a thread that runs `work` and sends its result.
    // TODO: wait with `recv_timeout(deadline)`, turning a time-out into `None`.
    todo!("wait for the background work, but not past the deadline")
}
