//! A spawned task belongs to the runtime, not to its `JoinHandle`: dropping
//! the handle lets it run on, `abort` cancels it, and a `JoinSet` aborts all
//! of its tasks when it is dropped.

use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: job
/// Says how far a job got when its future is dropped: at its end, or
/// mid-way when it is cancelled.
struct Steps {
    job: String,
    done: u32,
}

impl Drop for Steps {
    fn drop(&mut self) {
        println!("  {}: dropped after {} of 5 steps", self.job, self.done);
    }
}

/// Five steps of `step` each.
async fn job(name: impl Into<String>, step: Duration) {
    let mut steps = Steps {
        job: name.into(),
        done: 0,
    };
    for _ in 0..5 {
        sleep(step).await;
        steps.done += 1;
    }
}
// ANCHOR_END: job

// ANCHOR: detach
/// Drops the handle at once: the task runs on to its end. A message from
/// the task, not the handle, says when it is done.
pub async fn detached(step: Duration) {
    let (done, finished) = oneshot::channel();
    let handle = tokio::spawn(async move {
        job("detached", step).await;
        let _ = done.send(());
    });
    drop(handle);
    println!("  the handle is dropped");
    finished.await.expect("the task ended without finishing");
    println!("  the task said it finished");
}
// ANCHOR_END: detach

// ANCHOR: abort
/// Aborts the task after two and a half steps.
pub async fn aborted(step: Duration) {
    let handle = tokio::spawn(job("aborted", step));
    sleep(step * 5 / 2).await;
    handle.abort();
    match handle.await {
        Err(error) if error.is_cancelled() => println!("  await: {error}"),
        other => println!("  await: {other:?}"),
    }
}
// ANCHOR_END: abort

// ANCHOR: joinset
/// Three jobs in a `JoinSet`; the set is dropped after two and a half
/// steps, before any of them has finished.
pub async fn set_dropped(step: Duration) {
    let mut set = JoinSet::new();
    for n in 1..=3 {
        set.spawn(job(format!("in the set {n}"), step));
    }
    sleep(step * 5 / 2).await;
    drop(set);
    println!("  the set is dropped: each task is aborted");
    // An aborted task's future is dropped when the runtime next gets to it.
    tokio::task::yield_now().await;
}
// ANCHOR_END: joinset
