//! Timeouts and cancellation: a future that is dropped stops at its next
//! `.await`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::{sleep, timeout};

// ANCHOR: cleanup
/// Runs when the lookup's future is dropped, finished or not: where cleanup
/// goes.
struct Cleanup<'a> {
    steps: &'a AtomicU32,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let steps = self.steps.load(Ordering::Relaxed);
        println!(
            "  the lookup ended after {steps} of 10 steps; its cleanup ran"
        );
    }
}
// ANCHOR_END: cleanup

// ANCHOR: timeout
/// Ten steps of `step` each. Every `.await` is a point where it may be stopped.
async fn slow_lookup(step: Duration, steps: &AtomicU32) -> &'static str {
    let _cleanup = Cleanup { steps };
    for _ in 0..10 {
        sleep(step).await;
        steps.fetch_add(1, Ordering::Relaxed);
    }
    "found it"
}

/// Gives the lookup `limit`. On time-out, `timeout` drops the lookup's future:
/// that *is* the cancellation, there is no separate call to make.
pub async fn lookup_with_timeout(
    step: Duration,
    limit: Duration,
) -> Result<&'static str, String> {
    let steps = AtomicU32::new(0);
    timeout(limit, slow_lookup(step, &steps))
        .await
        .map_err(|elapsed| elapsed.to_string())
}
// ANCHOR_END: timeout

// ANCHOR: abort
/// A spawned task is cancelled with `abort` on its handle. Returns the task's
/// count when aborted, the count a while later, and what awaiting the handle
/// said.
pub async fn abort_a_counter(run_for: Duration) -> (u32, u32, String) {
    let count = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&count);
    let task = tokio::spawn(async move {
        loop {
            sleep(Duration::from_millis(5)).await;
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    sleep(run_for).await;
    task.abort();
    let at_abort = count.load(Ordering::Relaxed);
    let outcome = match task.await {
        Ok(()) => "finished".to_string(),
        Err(error) if error.is_cancelled() => format!("cancelled ({error})"),
        Err(error) => format!("failed ({error})"),
    };
    sleep(run_for).await;
    (at_abort, count.load(Ordering::Relaxed), outcome)
}
// ANCHOR_END: abort
