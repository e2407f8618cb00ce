//! Ending a stream: Python's sentinel, and Rust's channel that closes when the
//! last sender is dropped.

use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, Sender, unbounded};

/// Produces `items` numbers, but fails (returns early, as an exception would)
/// on item `fail_at`, if given.
fn produce(
    send: impl Fn(u32),
    items: u32,
    fail_at: Option<u32>,
) -> Result<(), String> {
    for item in 1..=items {
        if Some(item) == fail_at {
            return Err(format!("could not read item {item}"));
        }
        send(item);
    }
    Ok(())
}

/// How a consumer's loop ended, and how many items it got first.
#[derive(Debug)]
pub struct Ending {
    pub received: u32,
    pub how: String,
    pub after: Duration,
}

// ANCHOR: sentinel
/// Python's way: the producer ends the stream with a special message.
pub enum Message {
    Item(u32),
    Done,
}

/// A Python queue stays open while anything references it. Here `spare`, a
/// sender this function keeps for producers yet to come, plays that part: the
/// channel stays open, so if the producer fails before it sends `Done`, only
/// the timeout ends the wait.
pub fn with_sentinel(
    items: u32,
    fail_at: Option<u32>,
    patience: Duration,
) -> Ending {
    let (sender, receiver) = unbounded();
    let spare: Sender<Message> = sender.clone(); // for producers yet to come
    let producer = thread::spawn(move || {
        produce(
            |item| sender.send(Message::Item(item)).unwrap(),
            items,
            fail_at,
        )?;
        sender.send(Message::Done).unwrap(); // skipped when `?` returned early
        Ok::<(), String>(())
    });
    // ANCHOR_END: sentinel
    // ANCHOR: sentinel_wait
    let start = Instant::now();
    let mut received = 0;
    let how = loop {
        match receiver.recv_timeout(patience) {
            Ok(Message::Item(_)) => received += 1,
            Ok(Message::Done) => break "got the sentinel".to_string(),
            Err(RecvTimeoutError::Timeout) => {
                break "nothing came: gave up waiting".to_string();
            }
            Err(RecvTimeoutError::Disconnected) => {
                unreachable!("`spare` keeps it open")
            }
        }
    };
    let after = start.elapsed();
    let _ = producer.join();
    drop(spare);
    Ending {
        received,
        how,
        after,
    }
}
// ANCHOR_END: sentinel_wait

// ANCHOR: close
/// Rust's way: no end marker. When the producer's thread ends (returning, with
/// an error, or panicking) its `Sender` is dropped, and with the last sender
/// gone the consumer's loop ends by itself.
pub fn with_close(items: u32, fail_at: Option<u32>) -> Ending {
    let (sender, receiver) = unbounded();
    let producer = thread::spawn(move || {
        produce(|item| sender.send(item).unwrap(), items, fail_at)
    });
    let start = Instant::now();
    let mut received = 0;
    for _item in receiver {
        received += 1;
    }
    let after = start.elapsed();
    let how = match producer.join().expect("the producer panicked") {
        Ok(()) => "the channel closed".to_string(),
        Err(error) => format!("the channel closed; the producer said: {error}"),
    };
    Ending {
        received,
        how,
        after,
    }
}
// ANCHOR_END: close

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_producer_closes_the_channel_at_once() {
        let ending = with_close(5, Some(3));
        assert_eq!(ending.received, 2);
        assert!(ending.how.contains("could not read item 3"));
    }

    #[test]
    fn a_failed_producer_never_sends_the_sentinel() {
        let ending = with_sentinel(5, Some(3), Duration::from_millis(50));
        assert_eq!(ending.received, 2);
        assert!(ending.how.contains("gave up"));
        assert!(
            with_sentinel(5, None, Duration::from_secs(10))
                .how
                .contains("sentinel")
        );
    }
}
