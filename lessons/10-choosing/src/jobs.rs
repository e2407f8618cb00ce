//! The two kinds of work every model runs: a job that computes and a job that waits.

use std::time::Duration;

// ANCHOR: jobs
/// One job of a workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// CPU-bound: `rounds` steps of a small random-number generator. Only the
    /// CPU works; nothing waits.
    Compute { seed: u64, rounds: u64 },
    /// I/O-bound: wait `millis`, as a request to a slow server would. The CPU
    /// has nothing to do.
    Wait { millis: u64 },
}

impl Job {
    /// Runs the job on the calling thread, blocking it until done.
    pub fn run(self) -> u64 {
        match self {
            Job::Compute { seed, rounds } => {
                let mut state = seed | 1;
                for _ in 0..rounds {
                    state ^= state << 13; // xorshift64
                    state ^= state >> 7;
                    state ^= state << 17;
                }
                state % 1000
            }
            Job::Wait { millis } => {
                std::thread::sleep(Duration::from_millis(millis));
                millis
            }
        }
    }

    /// The same inside async code: a wait gives the thread back to the runtime;
    /// a computation cannot, and holds its thread as long as it runs.
    pub async fn run_async(self) -> u64 {
        match self {
            Job::Compute { .. } => self.run(),
            Job::Wait { millis } => {
                tokio::time::sleep(Duration::from_millis(millis)).await;
                millis
            }
        }
    }
}
// ANCHOR_END: jobs

impl Job {
    /// The job as command-line words, for a child process.
    pub fn to_args(self) -> Vec<String> {
        match self {
            Job::Compute { seed, rounds } => {
                vec!["compute".into(), seed.to_string(), rounds.to_string()]
            }
            Job::Wait { millis } => vec!["wait".into(), millis.to_string()],
        }
    }

    /// Reads the words written by [`Job::to_args`].
    pub fn from_args(args: &[String]) -> anyhow::Result<Self> {
        let words: Vec<&str> = args.iter().map(String::as_str).collect();
        Ok(match words[..] {
            ["compute", seed, rounds] => Job::Compute {
                seed: seed.parse()?,
                rounds: rounds.parse()?,
            },
            ["wait", millis] => Job::Wait {
                millis: millis.parse()?,
            },
            _ => anyhow::bail!("not a job: {words:?}"),
        })
    }
}

/// `count` compute jobs that share `rounds` between them.
pub fn compute_jobs(count: u64, rounds: u64) -> Vec<Job> {
    (0..count)
        .map(|seed| Job::Compute {
            seed,
            rounds: rounds / count,
        })
        .collect()
}

/// `count` jobs that each wait `millis`.
pub fn wait_jobs(count: u64, millis: u64) -> Vec<Job> {
    vec![Job::Wait { millis }; count as usize]
}
