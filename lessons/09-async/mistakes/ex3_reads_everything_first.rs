//! WRONG: collects every reading before sending any: the source runs far ahead
//! (and an endless one never stops).

use tokio::sync::mpsc;

pub fn readings<S>(source: S, capacity: usize) -> mpsc::Receiver<S::Item>
where
    S: Iterator + Send + 'static,
    S::Item: Send + 'static,
{
    let (sender, receiver) = mpsc::channel(capacity);
    tokio::task::spawn_blocking(move || {
        // Read it all in one go, as `list(source)` would, then pass it on.
        let all: Vec<S::Item> = source.collect();
        for reading in all {
            if sender.blocking_send(reading).is_err() {
                break;
            }
        }
    });
    receiver
}
