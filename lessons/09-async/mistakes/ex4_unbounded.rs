//! WRONG: unbounded channels: the reader takes every line it can, however busy
//! the workers are.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::{Mutex, mpsc, oneshot};
use tokio::task::JoinSet;

pub async fn pipeline<L, F, Fut>(
    lines: L,
    workers: usize,
    capacity: usize,
    work: F,
    mut stop: oneshot::Receiver<()>,
) -> Vec<Result<String, String>>
where
    L: Iterator<Item = String> + Send + 'static,
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, String>> + Send + 'static,
{
    // Unbounded: no stage ever waits for another.
    let _ = capacity;
    let (to_workers, from_reader) = mpsc::unbounded_channel();
    let (to_writer, mut from_workers) = mpsc::unbounded_channel();

    let reader = tokio::spawn(async move {
        let mut lines = lines.enumerate();
        loop {
            if stop.try_recv() != Err(oneshot::error::TryRecvError::Empty) {
                break; // stopped, or nobody can stop us any more
            }
            let Some(line) = lines.next() else { break };
            if to_workers.send(line).is_err() {
                break;
            }
            tokio::task::yield_now().await; // let the others run
        }
        // Ending drops `to_workers`: once the workers have emptied the
        // channel, their `recv` returns `None` and they end too.
    });

    // One receiver, many workers: each takes the lock only to receive.
    let from_reader = Arc::new(Mutex::new(from_reader));
    let work = Arc::new(work);
    let mut crew = JoinSet::new();
    for _ in 0..workers {
        let (from_reader, to_writer) =
            (Arc::clone(&from_reader), to_writer.clone());
        let work = Arc::clone(&work);
        crew.spawn(async move {
            loop {
                let next = from_reader.lock().await.recv().await;
                let Some((index, line)) = next else { break };
                let done = work(line).await;
                if to_writer.send((index, done)).is_err() {
                    break;
                }
            }
        });
    }
    // Only the workers hold senders to the writer now.
    drop(to_writer);

    let writer = tokio::spawn(async move {
        let mut written = Vec::new();
        while let Some(done) = from_workers.recv().await {
            written.push(done);
        }
        written
    });

    // Wait for every stage, so nothing is left running after we return.
    reader.await.expect("the reader panicked");
    crew.join_all().await;
    let mut written = writer.await.expect("the writer panicked");
    written.sort_by_key(|(index, _)| *index);
    written.into_iter().map(|(_, done)| done).collect()
}
