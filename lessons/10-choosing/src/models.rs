//! Four ways to run a list of jobs at once, plus one at a time to compare with.
//! Each returns the sum of the jobs' answers, so the models can be checked
//! against each other.

use std::io::Read;
use std::process::Stdio;
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use course_kit::child::{self, ChildGuard};
use rayon::prelude::*;
use tokio::task::JoinSet;

use crate::jobs::Job;

/// The role this program plays as a child process: run one job, print its answer.
pub const ROLE: &str = "job";

/// One job after another, on this thread.
pub fn sequential(jobs: &[Job]) -> Result<u64> {
    Ok(jobs.iter().map(|job| job.run()).sum())
}

// ANCHOR: models
/// One OS thread per job.
pub fn threads(jobs: &[Job]) -> Result<u64> {
    thread::scope(|s| {
        let handles: Vec<_> = jobs.iter().map(|job| s.spawn(|| job.run())).collect();
        Ok(handles
            .into_iter()
            .map(|h| h.join().expect("a job panicked"))
            .sum())
    })
}

/// rayon's pool: one thread per core, whatever the number of jobs.
pub fn pool(jobs: &[Job]) -> Result<u64> {
    Ok(jobs.par_iter().map(|job| job.run()).sum())
}

/// One child process per job (this program again, in the role `job`).
pub fn processes(jobs: &[Job]) -> Result<u64> {
    let mut children = Vec::new();
    for job in jobs {
        let args = job.to_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut command = child::command(ROLE, &args)?;
        children.push(ChildGuard::spawn(command.stdout(Stdio::piped()))?);
    }
    let mut total = 0;
    for mut child in children {
        // The answer is one short line: it fits in the pipe, so waiting first is safe.
        let Some(status) = child.wait_timeout(Duration::from_secs(60))? else {
            bail!("a job process did not finish within 60 s");
        };
        child::ended_well(status, "a job process")?;
        let mut answer = String::new();
        child
            .child_mut()
            .stdout
            .take()
            .context("no stdout")?
            .read_to_string(&mut answer)?;
        total += answer.trim().parse::<u64>()?;
    }
    Ok(total)
}

/// One tokio task per job, on the multi-thread runtime (one worker per core).
pub fn async_tasks(jobs: &[Job]) -> Result<u64> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let mut tasks = JoinSet::new();
        for &job in jobs {
            tasks.spawn(job.run_async());
        }
        Ok(tasks.join_all().await.into_iter().sum())
    })
}
// ANCHOR_END: models

/// The child process's side: run the job named on the command line.
pub fn job_role(args: &[String]) -> Result<()> {
    println!("{}", Job::from_args(args)?.run());
    Ok(())
}
