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
    // TODO: make an `Arc<Semaphore>` with `limit` permits, and share `work` with an `Arc`.
    // TODO: spawn one task per job; each task first waits for a permit
    // (`acquire_owned`), keeps it while `work(job).await` runs, and returns
    // `(index, result)`.
    // TODO: collect the results in the order of `jobs`.
    todo!("run the jobs with at most `limit` at once")
}
