//! WRONG: ignores the error of `blocking_send`: after the receiver is dropped,
//! it reads the source for ever.

use tokio::sync::mpsc;

pub fn readings<S>(source: S, capacity: usize) -> mpsc::Receiver<S::Item>
where
    S: Iterator + Send + 'static,
    S::Item: Send + 'static,
{
    let (sender, receiver) = mpsc::channel(capacity);
    tokio::task::spawn_blocking(move || {
        for reading in source {
            // Nobody listening? Nothing to do about it.
            let _ = sender.blocking_send(reading);
        }
    });
    receiver
}
