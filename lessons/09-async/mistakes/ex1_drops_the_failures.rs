//! WRONG: keeps only the checks that succeeded: the failures are the results
//! that matter most.

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
    let mut tasks = JoinSet::new();
    for (index, name) in names.into_iter().enumerate() {
        tasks.spawn(async move { (index, check(name).await) });
    }
    let mut results = tasks.join_all().await;
    results.sort_by_key(|(index, _)| *index);
    // A failed check has nothing to report.
    results
        .into_iter()
        .map(|(_, result)| result)
        .filter(|result| result.is_ok())
        .collect()
}
