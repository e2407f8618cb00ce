//! WRONG: receives with a plain `recv`, so a stuck worker that keeps its sender
//! is waited for Exercise 2: follow a worker's news.

use std::time::Duration;

use crossbeam_channel::Receiver;

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
    loop {
        let _ = patience;
        match events.recv() {
            Ok(Event::Progress(count)) => progress.push(count),
            Ok(Event::Finished(result)) => return Ok((progress, result)),
            Err(_) => return Err(Failure::Vanished),
        }
    }
}
