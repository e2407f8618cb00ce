//! Async channels and backpressure: a bounded channel makes a fast producer
//! wait for a slow consumer; an unbounded one lets the queue grow instead.

use std::cell::Cell;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval};

/// A reading of 1 KiB, as a sensor might send.
pub struct Reading(#[allow(dead_code)] Vec<u8>);

/// What a run measured. Producer and consumer run in one task (`join!`),
/// so plain `Cell`s are enough to count.
#[derive(Debug, Default)]
pub struct Queue {
    waiting: Cell<usize>,
    /// The most readings that were in the channel at once.
    pub most: Cell<usize>,
    /// How many the consumer had taken when the producer sent its last.
    pub taken_when_done: Cell<usize>,
    taken: Cell<usize>,
}

impl Queue {
    fn added(&self) {
        self.waiting.set(self.waiting.get() + 1);
        self.most.set(self.most.get().max(self.waiting.get()));
    }

    fn taken(&self) {
        self.waiting.set(self.waiting.get() - 1);
        self.taken.set(self.taken.get() + 1);
    }

    fn producer_done(&self) {
        self.taken_when_done.set(self.taken.get());
    }
}

// ANCHOR: bounded
/// A producer as fast as it can be, a consumer that takes one per `every`.
pub async fn bounded(count: usize, capacity: usize, every: Duration) -> Queue {
    let (to, mut from) = mpsc::channel(capacity);
    let queue = Queue::default();
    let producer = async {
        for _ in 0..count {
            to.send(Reading(vec![0; 1024]))
                .await
                .expect("consumer gone");
            queue.added();
        }
        queue.producer_done();
        drop(to); // the channel closes: `recv` returns None when empty
    };
    let consumer = async {
        let mut clock = interval(every); // one reading per tick
        clock.set_missed_tick_behavior(MissedTickBehavior::Delay);
        while let Some(_reading) = from.recv().await {
            queue.taken();
            clock.tick().await;
        }
    };
    tokio::join!(producer, consumer);
    queue
}
// ANCHOR_END: bounded

// ANCHOR: unbounded
/// The same with an unbounded channel: `send` never waits (it is not even
/// async), so every reading the consumer has not taken yet stays in memory.
pub async fn unbounded(count: usize, every: Duration) -> Queue {
    let (to, mut from) = mpsc::unbounded_channel();
    let queue = Queue::default();
    let producer = async {
        for _ in 0..count {
            to.send(Reading(vec![0; 1024])).expect("consumer gone");
            queue.added();
        }
        queue.producer_done();
        drop(to);
    };
    let consumer = async {
        let mut clock = interval(every);
        clock.set_missed_tick_behavior(MissedTickBehavior::Delay);
        while let Some(_reading) = from.recv().await {
            queue.taken();
            clock.tick().await;
        }
    };
    tokio::join!(producer, consumer);
    queue
}
// ANCHOR_END: unbounded
