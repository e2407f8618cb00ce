//! The pitfall of async: one blocking call stalls every task on its thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::sleep;

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

// ANCHOR: blocking
/// On a one-thread runtime, a ticker task ticks every 10 ms while another task
/// waits for `wait` in the way given. Returns how many ticks happened meanwhile.
pub fn ticks_during(how: Wait, wait: Duration) -> std::io::Result<u32> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let ticks = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&ticks);
        let ticker = tokio::spawn(async move {
            loop {
                sleep(Duration::from_millis(10)).await;
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        sleep(Duration::from_millis(1)).await; // let the ticker start
        let before = ticks.load(Ordering::Relaxed);
        let waiter = tokio::spawn(async move {
            match how {
                Wait::BlockTheThread => std::thread::sleep(wait),
                Wait::AwaitASleep => sleep(wait).await,
                Wait::SpawnBlocking => {
                    let blocking = tokio::task::spawn_blocking(move || std::thread::sleep(wait));
                    blocking.await.expect("the blocking sleep panicked");
                }
            }
        });
        waiter.await.expect("the waiting task panicked");
        let during = ticks.load(Ordering::Relaxed) - before;
        ticker.abort();
        Ok(during)
    })
}
// ANCHOR_END: blocking
