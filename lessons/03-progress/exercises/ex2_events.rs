//! Exercise 2: follow a worker's news.
//!
//! A worker sends `Event::Progress(n)` as it goes and `Event::Finished(result)`
//! at the end. Receive until `Finished`, and return every progress count in the
//! order it came, with the result. Never wait forever:
//! - the channel closes before `Finished` (the worker died): `Err(Failure::Vanished)`;
//! - no event at all for `patience`: `Err(Failure::Silent)`.
//!
//! Check your answer with `cargo exercises 03`.

use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Progress(u32),
    Finished(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The channel closed without a result.
    Vanished,
    /// Nothing arrived for too long.
    Silent,
}

pub fn follow(events: Receiver<Event>, patience: Duration) -> Result<(Vec<u32>, u64), Failure> {
    // TODO: loop on `events.recv_timeout(patience)`.
    // TODO: keep each progress count; return on `Finished`.
    // TODO: turn `Disconnected` and `Timeout` into the matching `Failure`.
    todo!("receive events until the result arrives")
}
