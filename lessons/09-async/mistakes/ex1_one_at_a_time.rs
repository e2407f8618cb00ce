//! WRONG: awaits one check after the other: right results, but ten checks of 60
//! ms take 600 ms.

use std::time::Duration;

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
    let mut results = Vec::new();
    for name in names {
        results.push(check(name).await);
    }
    results
}
