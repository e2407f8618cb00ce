//! Exercise 2: at most `limit` at a time.
//!
//! Start one task per job, but let at most `limit` of them do their work
//! (`work(job).await`) at the same moment, like a pool of `limit` connections.
//! Return the results in the order of `jobs`. Use `tokio::sync::Semaphore`.
//!
//! Check your answer with `cargo exercises 09`.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub async fn run_limited<F, Fut>(jobs: Vec<u64>, limit: usize, work: F) -> Vec<u64>
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = u64> + Send + 'static,
{
    // TODO: make a semaphore with `limit` permits that every task can reach.
    // TODO: start one task per job; a task may only call `work` while it holds
    // a permit.
    // TODO: collect the results in the order of `jobs` (they finish in any order).
    todo!("run the jobs with at most `limit` at once")
}
