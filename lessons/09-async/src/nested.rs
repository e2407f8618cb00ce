//! Starting a runtime inside a runtime: tokio's version of
//! "asyncio.run() cannot be called from a running event loop".

use std::time::Duration;

use tokio::runtime::{Builder, Runtime};

// ANCHOR: lookup
/// A library function written for callers without a runtime: it starts its own.
pub fn blocking_lookup() -> std::io::Result<u32> {
    let runtime = Runtime::new()?;
    Ok(runtime.block_on(async {
        tokio::time::sleep(Duration::from_millis(10)).await;
        42
    }))
}
// ANCHOR_END: lookup

/// Calls `blocking_lookup` from inside a task, on a thread of its own so that
/// its panic can be caught and shown: `block_on` refuses to run on a thread
/// that is already driving a runtime, because it would stall that runtime.
pub fn runtime_in_runtime() -> Result<u32, String> {
    let attempt = std::thread::spawn(|| {
        let runtime =
            Builder::new_current_thread().enable_time().build().unwrap();
        runtime.block_on(async { blocking_lookup().unwrap() })
    });
    attempt.join().map_err(|payload| {
        let text = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()));
        text.unwrap_or_else(|| "a panic without a message".into())
    })
}

// ANCHOR: fix
/// The fix when async code must call such a function: run it on tokio's
/// blocking threads, where no runtime is being driven.
pub fn runtime_on_a_blocking_thread() -> std::io::Result<u32> {
    let runtime = Builder::new_current_thread().enable_time().build()?;
    runtime.block_on(async {
        tokio::task::spawn_blocking(blocking_lookup)
            .await
            .expect("the lookup panicked")
    })
}
// ANCHOR_END: fix
