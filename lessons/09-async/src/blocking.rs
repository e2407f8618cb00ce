//! The pitfall of async: one blocking call stalls every task on its thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::sleep;
use tracing::{Instrument, info, info_span};

/// Three ways to wait inside a task.
#[derive(Debug, Clone, Copy)]
pub enum Wait {
    /// `std::thread::sleep`: blocks the thread, and the runtime with it.
    BlockTheThread,
    /// `tokio::time::sleep(..).await`: gives the thread back while waiting.
    AwaitASleep,
    /// Blocking code moved to tokio's pool of blocking threads, and awaited.
    SpawnBlocking,
}

/// On a one-thread runtime, a ticker task ticks every 10 ms while another task
/// waits for `wait` in the way given. Returns how many ticks came meanwhile.
pub fn ticks_during(how: Wait, wait: Duration) -> std::io::Result<u32> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .thread_name("blocking") // the threads that run spawn_blocking's work
        .build()?;
    runtime.block_on(async {
        let ticks = Arc::new(AtomicU32::new(0));
        let ticker = tokio::spawn(tick(Arc::clone(&ticks)));
        sleep(Duration::from_millis(1)).await; // let the ticker start
        let waiter = tokio::spawn(waits(how, wait, ticks));
        let during = waiter.await.expect("the waiting task panicked");
        ticker.abort();
        Ok(during)
    })
}

// ANCHOR: tick
/// Ticks every 10 ms, for ever.
async fn tick(ticks: Arc<AtomicU32>) {
    info!(lane = "ticker", "starts");
    loop {
        sleep(Duration::from_millis(10)).await;
        ticks.fetch_add(1, Ordering::Relaxed);
        info!(lane = "ticker", "tick"); // a mark on the timeline
    }
}
// ANCHOR_END: tick

// ANCHOR: waits
/// Waits in the way given, and returns how many ticks came meanwhile. The
/// span of each way is drawn on the waiter's lane or, for `spawn_blocking`,
/// on the lane of the thread that ran it.
async fn waits(how: Wait, wait: Duration, ticks: Arc<AtomicU32>) -> u32 {
    let before = ticks.load(Ordering::Relaxed);
    match how {
        Wait::BlockTheThread => {
            let _span = info_span!("thread::sleep", lane = "waiter").entered();
            std::thread::sleep(wait);
        }
        Wait::AwaitASleep => {
            let span = info_span!("sleep().await", lane = "waiter");
            sleep(wait).instrument(span).await;
        }
        Wait::SpawnBlocking => {
            let blocking = tokio::task::spawn_blocking(move || {
                let _span = info_span!("thread::sleep").entered();
                std::thread::sleep(wait);
            });
            blocking.await.expect("the blocking sleep panicked");
        }
    }
    ticks.load(Ordering::Relaxed) - before
}
// ANCHOR_END: waits
