//! WRONG: a worker passes on only what `work` made; a failed line vanishes
//! from the result instead of being reported.

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
    // Bounded channels: a stage that runs ahead waits for room.
    let (to_workers, from_reader) = mpsc::channel(capacity);
    let (to_writer, mut from_workers) = mpsc::channel(capacity);

    let reader = tokio::spawn(async move {
        let mut lines = lines.enumerate();
        loop {
            // Room first, then a line: no line is ever held while waiting,
            // so none is lost when `stop` fires.
            let room = tokio::select! {
                _ = &mut stop => break,
                room = to_workers.reserve() => room,
            };
            let (Ok(room), Some(line)) = (room, lines.next()) else {
                break;
            };
            room.send(line);
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
                // Only the successes go on to the writer.
                let Ok(done) = work(line).await else { continue };
                if to_writer.send((index, Ok(done))).await.is_err() {
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
