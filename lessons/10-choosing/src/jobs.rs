//! The two kinds of work every model runs: a job that computes and a job that
//! waits.

use std::time::{Duration, Instant};

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
                // Marks the computation on the part's timeline.
                let _span = tracing::info_span!("compute").entered();
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
}
// ANCHOR_END: jobs

// ANCHOR: jobs_async
impl Job {
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
// ANCHOR_END: jobs_async

// ANCHOR: finished
/// What a model hands back for each job: its answer, and the moment the model
/// had it. The lesson checks the answers and reads how late each wait ended.
#[derive(Debug, Clone, Copy)]
pub struct Finished {
    pub answer: u64,
    pub at: Instant,
}

impl Finished {
    pub fn now(answer: u64) -> Self {
        Self {
            answer,
            at: Instant::now(),
        }
    }
}
// ANCHOR_END: finished

/// How late a batch of waits ended: the median and the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    pub median: Duration,
    pub worst: Duration,
}

/// How late each of `done` ended after `started`, beyond the `wait` it was
/// asked for: a wait that began at once and woke on time is 0 late; one that
/// queued behind others, or whose thread was busy when its time came, is late
/// by that.
pub fn lateness(started: Instant, done: &[Finished], wait: Duration) -> Spread {
    let mut late: Vec<Duration> = done
        .iter()
        .map(|d| d.at.saturating_duration_since(started).saturating_sub(wait))
        .collect();
    late.sort_unstable();
    Spread {
        median: late.get(late.len() / 2).copied().unwrap_or_default(),
        worst: late.last().copied().unwrap_or_default(),
    }
}

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

    /// The job as one line, for a worker process that reads jobs from its
    /// stdin.
    pub fn to_line(self) -> String {
        self.to_args().join(" ")
    }

    /// Reads a line written by [`Job::to_line`].
    pub fn from_line(line: &str) -> anyhow::Result<Self> {
        let words: Vec<String> =
            line.split_whitespace().map(str::to_string).collect();
        Self::from_args(&words)
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
