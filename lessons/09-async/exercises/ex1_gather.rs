//! Exercise 1: gather, keeping the failures.
//!
//! Call `check(name)` for every name, all at the same time, and return every
//! result, failures included, in the order of `names`: Python's
//! `await asyncio.gather(*calls, return_exceptions=True)`. Ten checks of
//! 60 ms take about 60 ms together, not 600 ms. The checks finish in a
//! different order from `names`.
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
    // TODO: check every name at once; every result, in the order of `names`.
    todo!("run every check at once and keep every result")
}
