//! Waiting and computing in one async program: the computing on the runtime's
//! threads, or sent off them.

use std::time::{Duration, Instant};

use anyhow::Result;
use tokio::task::JoinSet;

use crate::jobs::Job;

/// When the waits of a mixed workload were all done, and when everything was.
#[derive(Debug, Clone, Copy)]
pub struct Mixed {
    pub waits_done: Duration,
    pub all_done: Duration,
    pub answer: u64,
}

// ANCHOR: mixed
/// Runs `waits` and `computations` together as tokio tasks on the multi-thread
/// runtime (one worker thread per core). With `off_the_runtime`, each
/// computation runs on tokio's blocking threads (`spawn_blocking`) and its task
/// only awaits the answer; without, the task computes on a worker thread.
pub fn waits_beside_computing(
    waits: &[Job],
    computations: &[Job],
    off_the_runtime: bool,
) -> Result<Mixed> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let started = Instant::now();
        let mut waiting = JoinSet::new();
        for &job in waits {
            waiting.spawn(job.run_async());
        }
        let mut computing = JoinSet::new();
        for &job in computations {
            if off_the_runtime {
                computing
                    .spawn(async move { tokio::task::spawn_blocking(move || job.run()).await });
            } else {
                computing
                    .spawn(async move { Ok::<_, tokio::task::JoinError>(job.run_async().await) });
            }
        }
        let mut answer: u64 = waiting.join_all().await.into_iter().sum();
        let waits_done = started.elapsed();
        for computed in computing.join_all().await {
            answer += computed?;
        }
        let all_done = started.elapsed();
        Ok(Mixed {
            waits_done,
            all_done,
            answer,
        })
    })
}
// ANCHOR_END: mixed
