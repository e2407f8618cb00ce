//! Exercise 3: a blocking source, read from async code.
//!
//! A sensor library hands out readings through a plain iterator whose `next`
//! blocks until the next reading comes. Async code wants them from a
//! `tokio::sync::mpsc::Receiver` instead. `readings` is called from inside
//! the runtime and returns that receiver at once; the readings then arrive
//! on it in order, and it ends after the last one. Three promises:
//! - the source blocks, so it never runs on the runtime's own threads;
//! - it is never more than `capacity` readings ahead of the receiver (plus
//!   the one it is handing over);
//! - once the receiver is dropped, the source is dropped soon after: nobody
//!   reads a sensor for no one.
//!
//! Check your answer with `cargo exercises 09`.

use tokio::sync::mpsc;

pub fn readings<S>(source: S, capacity: usize) -> mpsc::Receiver<S::Item>
where
    S: Iterator + Send + 'static,
    S::Item: Send + 'static,
{
    // TODO: hand the source's readings to async code, keeping the promises.
    todo!("bridge a blocking iterator to an async receiver")
}
