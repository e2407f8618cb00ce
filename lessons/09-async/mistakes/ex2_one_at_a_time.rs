//! WRONG: awaits one job after the other: never more than the limit, but never
//! more than one either.

use std::future::Future;

pub async fn run_limited<F, Fut>(
    jobs: Vec<u64>,
    limit: usize,
    work: F,
) -> Vec<u64>
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = u64> + Send + 'static,
{
    let _ = limit; // one at a time is always within the limit
    let mut results = Vec::new();
    for job in jobs {
        results.push(work(job).await);
    }
    results
}
