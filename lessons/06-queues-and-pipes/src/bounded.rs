//! A bounded queue between threads: Python's `queue.Queue(maxsize=10)` is
//! `crossbeam_channel::bounded(10)`.

use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{TrySendError, bounded};
use tracing::info_span;

/// What the producer saw while it filled the queue.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProducerReport {
    /// How many times the queue was full when the producer wanted to send.
    pub found_full: u32,
    /// How long the producer spent waiting for room, in all.
    pub waited: Duration,
    /// The most items ever waiting in the queue.
    pub most_queued: usize,
    /// How long the producer took to send every item.
    pub took: Duration,
}

// ANCHOR: bounded
/// A producer sends `items` numbers into a queue that holds at most
/// `capacity`; a consumer takes them out, working `work` on each one.
pub fn producer_consumer(
    items: u32,
    capacity: usize,
    work: Duration,
) -> (ProducerReport, Vec<u32>) {
    let (sender, receiver) = bounded(capacity);
    let mut report = ProducerReport::default();
    let start = Instant::now();
    thread::scope(|s| {
        let sending = info_span!("sending", lane = "producer").entered();
        let consumer = s.spawn(move || {
            let mut received = Vec::new();
            for item in receiver {
                let _span = info_span!("work", lane = "consumer").entered();
                thread::sleep(work); // the consumer is the slow one
                received.push(item);
            }
            // the loop ended: every sender is gone and the queue is empty
            received
        });
        // ANCHOR_END: bounded
        // ANCHOR: bounded_send
        for item in 0..items {
            // `try_send` refuses instead of waiting: that is how we see the
            // queue full.
            let item = match sender.try_send(item) {
                Ok(()) => None,
                Err(TrySendError::Full(item)) => Some(item),
                Err(TrySendError::Disconnected(_)) => {
                    panic!("the consumer quit early")
                }
            };
            if let Some(item) = item {
                report.found_full += 1;
                let _span = info_span!("wait to send", item).entered();
                let waiting = Instant::now();
                // blocks until there is room
                sender.send(item).expect("the consumer quit early");
                report.waited += waiting.elapsed();
            }
            report.most_queued = report.most_queued.max(sender.len());
        }
        report.took = start.elapsed();
        drop(sending);
        // closes the queue: the consumer's loop ends once it is empty
        drop(sender);
        (report, consumer.join().expect("the consumer panicked"))
    })
}
// ANCHOR_END: bounded_send

// ANCHOR: many
/// `producers` threads each send `per_producer` numbers into one queue of 10;
/// `consumers` threads share the work of taking them out. Returns what each
/// consumer received.
pub fn many_to_many(
    producers: u32,
    per_producer: u32,
    consumers: usize,
    work: Duration,
) -> Vec<Vec<u32>> {
    let (sender, receiver) = bounded(10);
    thread::scope(|s| {
        for producer in 0..producers {
            let sender = sender.clone(); // one sender per producer
            s.spawn(move || {
                for i in 0..per_producer {
                    sender.send(producer * per_producer + i).unwrap();
                }
            });
        }
        // Keep no sender here: the queue must close when the last producer
        // ends.
        drop(sender);
        let handles: Vec<_> = (0..consumers)
            .map(|_| {
                // every consumer reads the same queue
                let receiver = receiver.clone();
                s.spawn(move || {
                    let mut mine = Vec::new();
                    for item in receiver {
                        thread::sleep(work);
                        mine.push(item);
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}
// ANCHOR_END: many

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_arrives_once_in_order() {
        let (report, received) = producer_consumer(50, 5, Duration::ZERO);
        assert!(received.iter().copied().eq(0..50));
        assert!(report.most_queued <= 5);
    }

    #[test]
    fn many_consumers_share_every_item() {
        let mut all: Vec<u32> = many_to_many(3, 40, 2, Duration::ZERO).concat();
        all.sort_unstable();
        assert!(all.iter().copied().eq(0..120));
    }
}
