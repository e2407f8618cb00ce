//! Exercise 3: a blocking source, read from async code (reference solution).

use tokio::sync::mpsc;

pub fn readings<S>(source: S, capacity: usize) -> mpsc::Receiver<S::Item>
where
    S: Iterator + Send + 'static,
    S::Item: Send + 'static,
{
    // Bounded: when `capacity` readings wait, `blocking_send` waits too, and
    // the source is not asked for the next one until there is room.
    let (sender, receiver) = mpsc::channel(capacity);
    // One of tokio's blocking threads runs the source, so its `next` can take
    // as long as it likes without holding up any task.
    tokio::task::spawn_blocking(move || {
        for reading in source {
            // `Err` means the receiver is gone: stop reading. Leaving the loop
            // drops the source.
            if sender.blocking_send(reading).is_err() {
                break;
            }
        }
    });
    receiver
}
