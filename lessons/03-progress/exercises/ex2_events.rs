//! Exercise 2: follow a worker's news.
//!
//! A worker sends `Event::Progress(n)` as it goes and `Event::Finished(result)`
//! at the end. Receive until `Finished`, and return every progress count in the
//! order it came, with the result. Never wait forever:
//! - the channel closes before `Finished` (the worker died):
//!   `Err(Failure::Vanished)`, at once;
//! - nothing arrives for `patience` (the worker is stuck):
//!   `Err(Failure::Silent)`. The patience is for the silence between two
//!   events, not for the whole run: a worker that keeps sending news may
//!   take as long as it needs.
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

pub fn follow(
    events: Receiver<Event>,
    patience: Duration, // the longest silence allowed between two events
) -> Result<(Vec<u32>, u64), Failure> {
    // TODO: follow the events to the result, or to the failure.
    todo!("receive events until the result arrives")
}
