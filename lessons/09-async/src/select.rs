//! `tokio::select!`: wait for whichever future finishes first, and drop the
//! others where they stand.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::sleep;

// ANCHOR: progress
/// Says how far a fetch got when its future is dropped, finished or not.
struct Progress {
    mirror: &'static str,
    steps: u32,
}

impl Drop for Progress {
    fn drop(&mut self) {
        let Progress { mirror, steps } = self;
        println!("  {mirror}: dropped after {steps} of 10 steps");
    }
}
// ANCHOR_END: progress

// ANCHOR: race
/// A download in 10 steps of `step` each.
async fn fetch(mirror: &'static str, step: Duration) -> String {
    let mut progress = Progress { mirror, steps: 0 };
    for _ in 0..10 {
        sleep(step).await;
        progress.steps += 1;
    }
    format!("the page from the {mirror}")
}

/// Runs both fetches until one is done; the other is dropped mid-way.
pub async fn race(fast: Duration, slow: Duration) -> String {
    tokio::select! {
        page = fetch("fast mirror", fast) => page,
        page = fetch("slow mirror", slow) => page,
    }
}
// ANCHOR_END: race

// ANCHOR: serve
/// Does jobs until `shutdown` fires; says so when none came for `quiet`.
/// Returns how many jobs it did.
pub async fn serve(
    mut jobs: mpsc::Receiver<String>,
    mut shutdown: oneshot::Receiver<()>,
    quiet: Duration,
) -> usize {
    let mut done = 0;
    loop {
        tokio::select! {
            biased; // try the branches in this order: jobs first
            Some(job) = jobs.recv() => {
                println!("  did {job}");
                done += 1;
            }
            _ = &mut shutdown => break,
            _ = sleep(quiet) => println!("  no job for {quiet:?}"),
        }
    }
    println!("  shutdown: stopped after {done} jobs");
    done
}
// ANCHOR_END: serve

/// Sends two jobs, then after 3.5 x `quiet` a third one and the shutdown
/// together. Returns how many jobs `serve` did.
pub async fn serve_three_jobs(quiet: Duration) -> usize {
    let (send_job, jobs) = mpsc::channel(4);
    let (stop, shutdown) = oneshot::channel();
    let server = tokio::spawn(serve(jobs, shutdown, quiet));
    for job in ["job 1", "job 2"] {
        send_job
            .send(job.to_string())
            .await
            .expect("serve ended early");
    }
    sleep(quiet * 7 / 2).await;
    send_job
        .send("job 3".to_string())
        .await
        .expect("serve ended early");
    let _ = stop.send(());
    server.await.expect("serve panicked")
}
