//! Ways to run a list of jobs at once, plus one at a time to compare with. Each
//! hands back every job's answer and the moment it had it ([`Finished`]), so
//! the lesson can check that every model did the same work, and see how late
//! each wait ended.
//!
//! A pool is started once and used for batch after batch, as a program keeps
//! one: [`Pools`] starts them before the clock starts. A thread or a process
//! *each* is started for its job, on the clock: that is its cost.

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, ChildStdout, Stdio};
use std::thread::{self, JoinHandle};

use anyhow::{Context, Result, ensure};
use course_kit::child::{self, ChildGuard};
use crossbeam_channel::{Receiver, Sender};
use rayon::prelude::*;
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

use crate::jobs::{Finished, Job};

/// The role this program plays as a child process with one job: run it, print
/// its answer, exit.
pub const ROLE: &str = "job";
/// The role of a worker in the process pool: a job per line in, an answer per
/// line out, until its stdin closes.
pub const WORKER_ROLE: &str = "worker";

/// The models, in the order the table shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    OneAtATime,
    AThreadEach,
    ThreadPool,
    RayonPool,
    ProcessPool,
    AProcessEach,
    AsyncTasks,
}

impl Model {
    pub const ALL: [Model; 7] = [
        Model::OneAtATime,
        Model::AThreadEach,
        Model::ThreadPool,
        Model::RayonPool,
        Model::ProcessPool,
        Model::AProcessEach,
        Model::AsyncTasks,
    ];

    /// The row's name in the table; `pools` gives the pools' sizes.
    pub fn name(self, pools: &Pools) -> String {
        match self {
            Model::OneAtATime => "one at a time".into(),
            Model::AThreadEach => "a thread each".into(),
            Model::ThreadPool => {
                format!("thread pool ({})", pools.threads.size())
            }
            Model::RayonPool => {
                format!("rayon pool ({})", rayon::current_num_threads())
            }
            Model::ProcessPool => {
                format!("process pool ({})", pools.processes.size())
            }
            Model::AProcessEach => "a process each".into(),
            Model::AsyncTasks => "async tasks".into(),
        }
    }

    /// The name the Python script measures the same model under, if Python has
    /// it: `threading.Thread`, `ThreadPoolExecutor`, `ProcessPoolExecutor`,
    /// `multiprocessing.Process` and asyncio. Python has no rayon.
    pub fn python_key(self) -> Option<&'static str> {
        match self {
            Model::OneAtATime => Some("one_at_a_time"),
            Model::AThreadEach => Some("a_thread_each"),
            Model::ThreadPool => Some("thread_pool"),
            Model::RayonPool => None,
            Model::ProcessPool => Some("process_pool"),
            Model::AProcessEach => Some("a_process_each"),
            Model::AsyncTasks => Some("async_tasks"),
        }
    }
}

/// One job after another, on this thread.
pub fn one_at_a_time(jobs: &[Job]) -> Vec<Finished> {
    jobs.iter().map(|job| Finished::now(job.run())).collect()
}

// ANCHOR: threads
/// One OS thread per job, started for it.
pub fn a_thread_each(jobs: &[Job]) -> Vec<Finished> {
    thread::scope(|s| {
        let handles: Vec<_> = jobs
            .iter()
            .map(|job| s.spawn(|| Finished::now(job.run())))
            .collect();
        let joined = handles.into_iter().map(|h| h.join());
        joined.map(|done| done.expect("a job panicked")).collect()
    })
}

/// rayon's pool: one thread per core, whatever the number of jobs.
pub fn rayon_pool(jobs: &[Job]) -> Vec<Finished> {
    jobs.par_iter()
        .map(|job| Finished::now(job.run()))
        .collect()
}
// ANCHOR_END: threads

// ANCHOR: thread_pool
/// A fixed number of threads that take jobs from one queue: Python's
/// `ThreadPoolExecutor(20)`. Sized for the waits, not for the cores.
pub struct ThreadPool {
    queue: Option<Sender<Task>>,
    threads: Vec<JoinHandle<()>>,
}

type Task = Box<dyn FnOnce() + Send>;

impl ThreadPool {
    pub fn new(size: usize) -> Result<Self> {
        let (queue, tasks) = crossbeam_channel::unbounded::<Task>();
        let threads = (0..size)
            .map(|_| {
                let tasks = tasks.clone(); // each task goes to one free thread
                let work = move || tasks.iter().for_each(|task| task());
                thread::Builder::new().spawn(work)
            })
            .collect::<Result<_, _>>()?;
        let queue = Some(queue);
        Ok(Self { queue, threads })
    }

    /// Runs every job on the pool's threads, and gives back their answers.
    pub fn map(&self, jobs: &[Job]) -> Vec<Finished> {
        let (answers, finished) = crossbeam_channel::unbounded();
        for &job in jobs {
            let answers = answers.clone();
            let task = move || answers.send(Finished::now(job.run())).unwrap();
            let queue = self.queue.as_ref().expect("open until dropped");
            queue
                .send(Box::new(task))
                .expect("the pool's threads are running");
        }
        drop(answers); // the tasks hold the others: this loop ends with them
        finished.iter().collect()
    }
}
// ANCHOR_END: thread_pool

impl ThreadPool {
    pub fn size(&self) -> usize {
        self.threads.len()
    }
}

impl Drop for ThreadPool {
    /// Closing the queue ends each thread's loop; joining leaves none behind.
    fn drop(&mut self) {
        drop(self.queue.take());
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

// ANCHOR: processes
/// One child process per job (this program again, in the role `job`). They all
/// write their answer line into one pipe; reading it to its end waits for every
/// child without polling, and notes each answer as it comes.
pub fn a_process_each(jobs: &[Job]) -> Result<Vec<Finished>> {
    let (answers, write_end) = std::io::pipe()?;
    let mut children = Vec::new();
    for job in jobs {
        let args = job.to_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut command = child::command(ROLE, &args)?;
        command.stdout(write_end.try_clone()?);
        children.push(ChildGuard::spawn(&mut command)?);
    }
    drop(write_end); // the children hold the rest: the pipe ends with them
    let mut done = Vec::new();
    for line in BufReader::new(answers).lines() {
        done.push(Finished::now(line?.trim().parse()?));
    }
    for child in children {
        child::ended_well(child.wait()?, "a job process")?;
    }
    ensure!(done.len() == jobs.len(), "{} answers", done.len());
    Ok(done)
}
// ANCHOR_END: processes

// ANCHOR: process_pool
/// A few long-lived worker processes (role `worker`), each fed one job at a
/// time over its stdin: Python's `ProcessPoolExecutor`.
pub struct ProcessPool {
    workers: Vec<Worker>,
}

struct Worker {
    process: ChildGuard,
    jobs: ChildStdin,
    answers: BufReader<ChildStdout>,
}

impl ProcessPool {
    /// Runs every job on the workers: a thread per worker takes the next job
    /// from one queue, sends it, and waits for the answer line.
    pub fn map(&mut self, jobs: &[Job]) -> Result<Vec<Finished>> {
        let (queue, waiting) = crossbeam_channel::unbounded();
        jobs.iter().for_each(|&job| queue.send(job).expect("open"));
        drop(queue); // each feeder stops when the queue is empty
        thread::scope(|s| {
            let feeders: Vec<_> = (self.workers.iter_mut())
                .map(|worker| {
                    let waiting = waiting.clone();
                    s.spawn(move || worker.feed(waiting))
                })
                .collect();
            let mut done = Vec::new();
            for feeder in feeders {
                done.extend(feeder.join().expect("a feeder panicked")?);
            }
            Ok(done)
        })
    }
}

impl Worker {
    fn feed(&mut self, waiting: Receiver<Job>) -> Result<Vec<Finished>> {
        let mut done = Vec::new();
        for job in waiting {
            self.jobs
                .write_all(format!("{}\n", job.to_line()).as_bytes())?;
            let mut answer = String::new();
            self.answers.read_line(&mut answer)?;
            done.push(Finished::now(answer.trim().parse()?));
        }
        Ok(done)
    }
}
// ANCHOR_END: process_pool

impl ProcessPool {
    /// Starts `size` worker processes.
    pub fn start(size: usize) -> Result<Self> {
        let workers = (0..size)
            .map(|_| {
                let mut command = child::command(WORKER_ROLE, &[])?;
                command.stdin(Stdio::piped()).stdout(Stdio::piped());
                let mut process = ChildGuard::spawn(&mut command)?;
                let jobs =
                    process.child_mut().stdin.take().context("no stdin")?;
                let answers =
                    process.child_mut().stdout.take().context("no stdout")?;
                let answers = BufReader::new(answers);
                Ok(Worker {
                    process,
                    jobs,
                    answers,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Self { workers })
    }

    pub fn size(&self) -> usize {
        self.workers.len()
    }

    /// Closes each worker's stdin, which ends its loop, and waits for it.
    pub fn stop(self) -> Result<()> {
        for Worker { process, jobs, .. } in self.workers {
            drop(jobs);
            child::ended_well(process.wait()?, "a pool worker")?;
        }
        Ok(())
    }
}

/// The worker process's side: a job per line in, its answer per line out.
pub fn worker_role(_: &[String]) -> Result<()> {
    for line in std::io::stdin().lock().lines() {
        let job = Job::from_line(&line?)?;
        println!("{}", job.run()); // stdout flushes at the end of each line
    }
    Ok(()) // stdin closed: the pool is done with this worker
}

/// The child process's side: run the job named on the command line.
pub fn job_role(args: &[String]) -> Result<()> {
    println!("{}", Job::from_args(args)?.run());
    Ok(())
}

// ANCHOR: async_tasks
/// One tokio task per job, on a multi-thread runtime (a thread per core).
pub fn async_tasks(runtime: &Runtime, jobs: &[Job]) -> Vec<Finished> {
    runtime.block_on(async {
        let mut tasks = JoinSet::new();
        for &job in jobs {
            tasks.spawn(async move { Finished::now(job.run_async().await) });
        }
        tasks.join_all().await
    })
}
// ANCHOR_END: async_tasks

/// The models that keep threads or processes between batches, started once.
pub struct Pools {
    pub threads: ThreadPool,
    pub processes: ProcessPool,
    pub runtime: Runtime,
}

impl Pools {
    /// A thread pool of `threads`, a process pool of `processes`, a tokio
    /// runtime and rayon's global pool, all started and ready.
    pub fn start(threads: usize, processes: usize) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_time()
            .build()?;
        // rayon starts its threads at its first use: make that now.
        rayon::broadcast(|_| ());
        Ok(Self {
            threads: ThreadPool::new(threads)?,
            processes: ProcessPool::start(processes)?,
            runtime,
        })
    }

    /// Runs `jobs` on `model`.
    pub fn run(&mut self, model: Model, jobs: &[Job]) -> Result<Vec<Finished>> {
        Ok(match model {
            Model::OneAtATime => one_at_a_time(jobs),
            Model::AThreadEach => a_thread_each(jobs),
            Model::ThreadPool => self.threads.map(jobs),
            Model::RayonPool => rayon_pool(jobs),
            Model::ProcessPool => self.processes.map(jobs)?,
            Model::AProcessEach => a_process_each(jobs)?,
            Model::AsyncTasks => async_tasks(&self.runtime, jobs),
        })
    }

    /// Stops the process pool's workers and waits for them (the threads stop
    /// when dropped).
    pub fn stop(self) -> Result<()> {
        self.processes.stop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{compute_jobs, wait_jobs};

    #[test]
    fn the_models_are_listed_in_their_order() {
        for (index, model) in Model::ALL.into_iter().enumerate() {
            assert_eq!(model as usize, index, "{model:?}");
        }
    }

    #[test]
    fn the_thread_pool_answers_every_job_once() {
        let jobs = compute_jobs(20, 20_000);
        let pool = ThreadPool::new(3).unwrap();
        let mut answers: Vec<u64> =
            pool.map(&jobs).iter().map(|d| d.answer).collect();
        let mut expected: Vec<u64> = jobs.iter().map(|j| j.run()).collect();
        answers.sort_unstable();
        expected.sort_unstable();
        assert_eq!(answers, expected);
        assert_eq!(pool.map(&wait_jobs(4, 1)).len(), 4, "and again");
    }
}
