//! Exercise 2: at most `limit` at a time.
//!
//! Run `work(job)` for every job, at most `limit` of them at the same moment,
//! like requests sharing a pool of `limit` connections. Keep every one of the
//! `limit` places busy while jobs are waiting: when one job ends, the next
//! starts at once. Return the results in the order of `jobs`.
//!
//! Check your answer with `cargo exercises 09`.

use std::future::Future;

use tokio::task::JoinSet;

pub async fn run_limited<F, Fut>(
    jobs: Vec<u64>,
    limit: usize,
    work: F,
) -> Vec<u64>
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = u64> + Send + 'static,
{
    // TODO: run every job, never more than `limit` at once.
    todo!("run the jobs with at most `limit` at once")
}
