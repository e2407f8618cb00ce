//! `asyncio.gather` in tokio: `join!` for a few different futures, `JoinSet`
//! for many tasks, and collecting every failure instead of stopping at the
//! first.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Result, bail};
use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: fetch
/// A stand-in for a network call: waits `millis`, then answers (or fails).
pub async fn fetch(name: &str, millis: u64) -> Result<String> {
    sleep(Duration::from_millis(millis)).await;
    if name.starts_with("broken") {
        bail!("{name}: connection refused");
    }
    if name.starts_with("buggy") {
        panic!("{name}: a bug in the handler");
    }
    Ok(format!("{name}: {} bytes", name.len() * 100))
}
// ANCHOR_END: fetch

// ANCHOR: join
/// `join!` waits for futures of *different* types and gives back a tuple.
/// All three wait at the same time, so this takes as long as the slowest.
pub async fn profile_page() -> (Result<String>, u32, Vec<&'static str>) {
    let user = fetch("user", 60);
    let unread = async {
        sleep(Duration::from_millis(40)).await;
        7
    };
    let friends = async {
        sleep(Duration::from_millis(50)).await;
        vec!["ada", "grace"]
    };
    tokio::join!(user, unread, friends)
}
// ANCHOR_END: join

// ANCHOR: joinset
/// How one task of a `JoinSet` ended.
#[derive(Debug)]
pub enum Ended {
    Answer(String),
    Failed(String),
    Panicked,
}
// ANCHOR_END: joinset

// ANCHOR: fetch_all
/// Spawns one task per name and collects how *every* task ended, like
/// `gather(..., return_exceptions=True)`. A task's error is a value like any
/// other, and a panic is caught by its task and reported by `join_next`.
pub async fn fetch_all(names: &[&'static str]) -> Vec<(&'static str, Ended)> {
    let mut tasks = JoinSet::new();
    // A task that panicked hands back no value, only its task id: this map
    // finds the name of every task, answer or panic, by its id.
    let mut name_of = HashMap::new();
    for (i, &name) in names.iter().enumerate() {
        // The later a fetch starts, the sooner it answers: ..., 30, 20 ms.
        let handle =
            tasks.spawn(fetch(name, 10 + 10 * (names.len() - i) as u64));
        name_of.insert(handle.id(), name);
    }
    let mut ended = Vec::new();
    // Tasks come back in the order they finish, not the order they started.
    while let Some(joined) = tasks.join_next_with_id().await {
        let (id, how) = match joined {
            Ok((id, Ok(answer))) => (id, Ended::Answer(answer)),
            Ok((id, Err(error))) => (id, Ended::Failed(error.to_string())),
            Err(error) => (error.id(), Ended::Panicked),
        };
        ended.push((name_of[&id], how));
    }
    ended
}
// ANCHOR_END: fetch_all

// ANCHOR: try_join
/// `try_join!` stops at the first error, like `gather` without
/// `return_exceptions`: the futures still running are dropped, unfinished.
pub async fn all_or_nothing() -> Result<(String, String, String)> {
    tokio::try_join!(
        fetch("user", 80),
        fetch("broken-feed", 20),
        fetch("settings", 80)
    )
}
// ANCHOR_END: try_join
