//! Exercise 1: gather, keeping the failures.
//!
//! Call `check(name)` for every name *at the same time* and return every
//! result, failures included, in the order of `names`: Python's
//! `await asyncio.gather(*calls, return_exceptions=True)`.
//! Ten checks of 100 ms each should take about 100 ms, not a second.
//!
//! Check your answer with `cargo exercises 09`.

use std::time::Duration;

use tokio::task::JoinSet;

/// A health check of one service: waits 100 ms, then fails for names that
/// start with "down".
pub async fn check(name: String) -> Result<String, String> {
    tokio::time::sleep(Duration::from_millis(100)).await;
    if name.starts_with("down") {
        Err(format!("{name} is down"))
    } else {
        Ok(format!("{name} is up"))
    }
}

pub async fn check_all(names: Vec<String>) -> Vec<Result<String, String>> {
    // TODO: spawn one task per name on a `JoinSet`; let each task return its
    // index together with `check(name).await`.
    // TODO: collect every task's output (`join_all`, or `join_next` in a loop)
    // and put the results back in the order of `names`.
    todo!("run every check at once and keep every result")
}
