//! WRONG: runs the jobs in batches of `limit`: each batch waits for its slowest
//! job while places stand empty.

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
    let mut results = Vec::new();
    for batch in jobs.chunks(limit) {
        let mut tasks = JoinSet::new();
        for (index, &job) in batch.iter().enumerate() {
            let running = work(job);
            tasks.spawn(async move { (index, running.await) });
        }
        let mut done = tasks.join_all().await;
        done.sort_by_key(|(index, _)| *index);
        results.extend(done.into_iter().map(|(_, result)| result));
    }
    results
}
