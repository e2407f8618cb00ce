//! A pool of worker processes fed over pipes: a worker that crashes or hangs
//! is replaced, and the pool carries on.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{ChildStdin, ExitStatus, Stdio};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use course_kit::child::{self, ChildGuard};
use crossbeam_channel::{Receiver, RecvTimeoutError};
use tracing::{Span, info_span};

use crate::work::longest_chain;

/// The role name under which this program runs as a pool worker.
pub const ROLE: &str = "pool-worker";

// ANCHOR: worker
/// The body of a worker process: one job per line in, one answer per line out.
/// `crash` and `hang` stand in for real accidents: a bug in a C library that
/// takes the process down, or a call that never returns.
pub fn worker_loop(jobs: impl BufRead, mut answers: impl Write) -> Result<()> {
    for job in jobs.lines() {
        let job = job?;
        let answer = match job.split_whitespace().collect::<Vec<_>>()[..] {
            ["longest-below", limit] => {
                let (start, steps) = longest_chain(limit.parse()?);
                format!("{start} ({steps} steps)")
            }
            ["crash"] => {
                eprintln!("worker: the job asked this worker to crash");
                // Ends the process at once, as a bad call into C would.
                std::process::abort()
            }
            ["hang"] => loop {
                thread::sleep(Duration::from_secs(3600));
            },
            _ => bail!("unknown job {job:?}"),
        };
        writeln!(answers, "{answer}")?;
        // The parent waits for this line: do not keep it in a buffer.
        answers.flush()?;
    }
    Ok(()) // stdin closed: the parent has no more jobs
}
// ANCHOR_END: worker

/// How one job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done(String),
    Crashed(String),
    KilledAfter(Duration),
}

// ANCHOR: process
/// One worker process, its stdin, and the lines it has written so far.
struct Worker {
    process: ChildGuard, // kills and reaps the process if we drop it
    stdin: ChildStdin,
    answers: Receiver<String>,
    alive: Span, // drawn on the timeline for as long as the process lives
}

impl Worker {
    fn start() -> Result<Self> {
        let mut command = child::command(ROLE, &[])?;
        command.stdin(Stdio::piped()).stdout(Stdio::piped());
        // A crash prints one message, not a backtrace.
        command.env("RUST_BACKTRACE", "0");
        let mut process = ChildGuard::spawn(&mut command)?;
        let lane = format!("worker {}", process.id());
        let alive = info_span!("worker process", lane); // a lane per process
        let stdin = process.child_mut().stdin.take().context("no stdin")?;
        let stdout = process.child_mut().stdout.take().context("no stdout")?;
        // A thread reads the answers, so the pool can wait for one with a
        // deadline. The channel disconnects when the worker's stdout closes:
        // the worker has exited.
        let (sender, answers) = crossbeam_channel::bounded(1);
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(Self {
            process,
            stdin,
            answers,
            alive,
        })
    }
    // ANCHOR_END: process

    // ANCHOR: process_run
    fn run(&mut self, job: &str, deadline: Duration) -> Result<Outcome> {
        let process = &self.alive; // the job is drawn inside it, on its lane
        let _job = info_span!(parent: process, "job", message = job).entered();
        // A dead worker's stdin is a broken pipe: the answer channel says why.
        let _ = writeln!(self.stdin, "{job}");
        match self.answers.recv_timeout(deadline) {
            Ok(answer) => Ok(Outcome::Done(answer)),
            // The pool then drops this worker, and its guard kills the process.
            Err(RecvTimeoutError::Timeout) => {
                Ok(Outcome::KilledAfter(deadline))
            }
            Err(RecvTimeoutError::Disconnected) => {
                let ten_seconds = Duration::from_secs(10);
                let status = self.process.wait_timeout(ten_seconds)?;
                Ok(Outcome::Crashed(
                    status.map_or("no status".into(), how_it_ended),
                ))
            }
        }
    }
}
// ANCHOR_END: process_run

/// "signal 6" for a process a signal ended, else the exit status.
/// (`ExitStatus`'s own text may add "(core dumped)", depending on the machine's
/// settings.)
fn how_it_ended(status: ExitStatus) -> String {
    match status.signal() {
        Some(signal) => format!("killed by signal {signal}"),
        None => status.to_string(),
    }
}

impl Worker {
    /// Closes stdin, so the worker's loop ends, and waits for it to exit.
    fn stop(self) -> Result<Option<ExitStatus>> {
        let Self {
            mut process, stdin, ..
        } = self;
        drop(stdin);
        process.wait_timeout(Duration::from_secs(10))
    }
}

/// What the pool reports for one job.
#[derive(Debug, Clone)]
pub struct Report {
    pub job: String,
    pub pid: u32,
    pub outcome: Outcome,
}

// ANCHOR: pool
/// Runs `jobs` on `size` worker processes. Each worker has a feeder thread here
/// that takes jobs from one shared queue and passes them on, one at a time.
/// Returns the reports in the order of `jobs`, and how many processes were
/// started.
pub fn run_jobs(
    jobs: &[&str],
    size: usize,
    deadline: Duration,
) -> Result<(Vec<Report>, usize)> {
    let (queue, waiting) = crossbeam_channel::unbounded();
    for (index, job) in jobs.iter().enumerate() {
        queue.send((index, job.to_string()))?;
    }
    drop(queue); // no more jobs: each feeder stops when the queue is empty
    let fed = thread::scope(|s| {
        let feeders: Vec<_> = (0..size)
            .map(|_| s.spawn(|| feed(waiting.clone(), deadline)))
            .collect();
        feeders
            .into_iter()
            .map(|f| f.join().expect("a feeder panicked"))
            .collect::<Vec<_>>()
    });
    let (mut reports, mut started) = (Vec::new(), 0);
    for feeder in fed {
        let (some, count) = feeder?;
        reports.extend(some);
        started += count;
    }
    reports.sort_by_key(|(index, _)| *index);
    Ok((
        reports.into_iter().map(|(_, report)| report).collect(),
        started,
    ))
}
// ANCHOR_END: pool

// ANCHOR: pool_feed
/// One feeder: starts a worker process and gives it jobs until the queue is
/// empty. A worker that crashed, or missed the deadline, is replaced by a
/// fresh process.
fn feed(
    waiting: Receiver<(usize, String)>,
    deadline: Duration,
) -> Result<(Vec<(usize, Report)>, usize)> {
    let mut worker = Worker::start()?;
    let (mut reports, mut started) = (Vec::new(), 1);
    for (index, job) in waiting {
        let pid = worker.process.id();
        let outcome = worker.run(&job, deadline)?;
        if !matches!(outcome, Outcome::Done(_)) {
            // Dropping the old one kills and reaps it.
            worker = Worker::start()?;
            started += 1;
        }
        reports.push((index, Report { job, pid, outcome }));
    }
    worker.stop()?;
    Ok((reports, started))
}
// ANCHOR_END: pool_feed
