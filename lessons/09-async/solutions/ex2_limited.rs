//! Exercise 2: at most `limit` at a time (reference solution).

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
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
    let permits = Arc::new(Semaphore::new(limit));
    let work = Arc::new(work); // every task calls the same `work`
    let mut tasks = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        let permits = Arc::clone(&permits);
        let work = Arc::clone(&work);
        tasks.spawn(async move {
            // Waiting for a permit is an `.await`: it blocks no thread. The
            // permit goes back when `_permit` is dropped, at the end of this
            // task.
            let _permit = permits.acquire_owned().await.expect("never closed");
            (index, work(job).await)
        });
    }
    let mut results = tasks.join_all().await;
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}
