//! WRONG: the patience is one deadline for the whole run, not a limit on each
//! silence Exercise 2: follow a worker's news.

use std::time::{Duration, Instant};

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
    let mut progress = Vec::new();
    let give_up_at = Instant::now() + patience;
    loop {
        let left = give_up_at.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(Event::Progress(count)) => progress.push(count),
            Ok(Event::Finished(result)) => return Ok((progress, result)),
            // Every sender is gone, so no `Finished` can come any more.
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Failure::Vanished);
            }
            Err(RecvTimeoutError::Timeout) => return Err(Failure::Silent),
        }
    }
}
