//! WRONG: runs the blocking source inside a task: every `next` holds up the
//! runtime's thread.

use tokio::sync::mpsc;

pub fn readings<S>(source: S, capacity: usize) -> mpsc::Receiver<S::Item>
where
    S: Iterator + Send + 'static,
    S::Item: Send + 'static,
{
    let (sender, receiver) = mpsc::channel(capacity);
    tokio::spawn(async move {
        for reading in source {
            if sender.send(reading).await.is_err() {
                break;
            }
        }
    });
    receiver
}
