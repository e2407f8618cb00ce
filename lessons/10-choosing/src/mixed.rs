//! Waiting and computing in one async program: the computing on the runtime's
//! threads, or sent off them.

use std::time::{Duration, Instant};

use anyhow::Result;
use tokio::task::{self, JoinSet};

use crate::jobs::{Finished, Job};

/// When the run started, when each wait ended, and when everything was done.
#[derive(Debug, Clone)]
pub struct Mixed {
    pub started: Instant,
    pub waited: Vec<Finished>,
    pub all_done: Duration,
    pub answer: u64,
}

/// Runs `waits` and `computations` together as tokio tasks on the multi-thread
/// runtime (one worker thread per core). With `off_the_runtime`, each
/// computation runs on tokio's blocking threads (`spawn_blocking`) and its task
/// only awaits the answer; without, the task computes on a worker thread.
// ANCHOR: mixed
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
            waiting.spawn(async move { Finished::now(job.run_async().await) });
        }
        let mut computing = JoinSet::new();
        for &job in computations {
            let compute = move || job.run();
            if off_the_runtime {
                let on_other_threads = task::spawn_blocking(compute);
                computing.spawn(on_other_threads);
            } else {
                computing.spawn(async move { Ok(compute()) });
            }
        }
        let waited = waiting.join_all().await;
        let mut answer: u64 = waited.iter().map(|w| w.answer).sum();
        for computed in computing.join_all().await {
            answer += computed?;
        }
        Ok(Mixed {
            started,
            all_done: started.elapsed(),
            waited,
            answer,
        })
    })
}
// ANCHOR_END: mixed
