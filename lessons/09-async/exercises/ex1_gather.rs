//! Exercise 1: gather, keeping the failures.
//!
//! Call `check(name)` for every name *at the same time* and return every
//! result, failures included, in the order of `names`: Python's
//! `await asyncio.gather(*calls, return_exceptions=True)`.
//! Ten checks of 60 ms each should take about 60 ms, not 600 ms. The checks
//! finish in a different order from `names`.
//!
//! Check your answer with `cargo exercises 09`.

use std::time::Duration;

use tokio::task::JoinSet;

/// A health check of one service: waits 60 to 150 ms (the longer the name, the
/// shorter the wait), then fails for names that start with "down".
pub async fn check(name: String) -> Result<String, String> {
    let wait = 150 - 10 * name.len().min(9) as u64;
    tokio::time::sleep(Duration::from_millis(wait)).await;
    if name.starts_with("down") {
        Err(format!("{name} is down"))
    } else {
        Ok(format!("{name} is up"))
    }
}

pub async fn check_all(names: Vec<String>) -> Vec<Result<String, String>> {
    // TODO: start every check as a task of its own, so that they all wait at once.
    // TODO: wait for every task, and put each result back in the place of its
    // name: the tasks finish in any order.
    todo!("run every check at once and keep every result")
}
