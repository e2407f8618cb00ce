//! No zombies and no orphans: every child is waited for, and none outlives its
//! parent.

use std::process::{self, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use course_kit::child::{self, ChildGuard};
use rustix::process::{Pid, WaitOptions};

use crate::together::{children_of, process_info};

// ANCHOR: zombie
/// Starts a child that exits at once, and does not wait for it yet. Returns
/// its state in the process list before and after `wait`.
pub fn zombie_until_waited() -> Result<(char, Option<char>)> {
    let child = ChildGuard::spawn(&mut child::command("sleeper", &["0"])?)?;
    let pid = child.id();
    // It exits almost at once; until someone waits for it, the kernel keeps
    // its entry (pid, exit status) in the list, in state Z: a zombie.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut state = ' ';
    while state != 'Z' && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
        state = process_info(pid).map_or('?', |info| info.state);
    }
    child.wait()?; // reaps it: the entry is gone
    Ok((state, process_info(pid).map(|info| info.state)))
}
// ANCHOR_END: zombie

// ANCHOR: guard
/// A parent that starts a worker and then fails: `?` returns early and the
/// guard's `drop` kills the worker and waits for it.
pub fn start_then_fail() -> Result<()> {
    let worker =
        ChildGuard::spawn(&mut child::command("sleeper", &["60000"])?)?;
    println!("  parent: started worker {}", worker.id());
    let _limit: u64 = "sixty".parse().context("reading the settings")?;
    worker.wait()?; // never reached
    Ok(())
}

/// How many children this process has right now.
pub fn my_children() -> Result<usize> {
    Ok(children_of(process::id())?.len())
}
// ANCHOR_END: guard

// ANCHOR: orphan
/// A middle process: it starts a worker, prints the worker's pid, and
/// sleeps. The lesson kills it with SIGKILL, so no destructor of its runs.
pub fn middle(_: &[String]) -> Result<()> {
    let worker = ChildGuard::spawn(&mut child::command("orphan", &[])?)?;
    println!("worker {}", worker.id());
    thread::sleep(Duration::from_secs(60));
    Ok(())
}

/// The worker: asks the kernel for SIGKILL when its parent dies.
pub fn orphan(_: &[String]) -> Result<()> {
    child::die_with_parent()?;
    println!("ready"); // on the middle's stdout, which it inherited
    thread::sleep(Duration::from_secs(60));
    Ok(())
}
// ANCHOR_END: orphan

// ANCHOR: kill_middle
/// Kills the middle process with SIGKILL and reports how its worker ended.
pub fn kill_the_middle() -> Result<(u32, Option<i32>)> {
    // Orphans of our descendants become our children, so we can wait for them.
    rustix::process::set_child_subreaper(Some(rustix::process::getpid()))?;
    let mut command = child::command("middle", &[])?;
    command.stdout(Stdio::piped());
    let mut middle = ChildGuard::spawn(&mut command)?;
    let stdout = middle.child_mut().stdout.take().context("no stdout")?;
    // Two lines come, in either order: "worker PID" from the middle, "ready"
    // from the worker.
    let lines = child::lines(stdout);
    let mut worker = None;
    for _ in 0..2 {
        let line = lines
            .recv_timeout(Duration::from_secs(10))
            .context("no word from them")?;
        if let Some(pid) = line.strip_prefix("worker ") {
            worker = Some(pid.parse::<u32>()?);
        }
    }
    let worker = worker.context("the middle process never named its worker")?;
    middle.kill()?; // SIGKILL: the middle cannot clean up
    let pid = Pid::from_raw(worker as i32).context("a pid is positive")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some((_, status)) =
            rustix::process::waitpid(Some(pid), WaitOptions::NOHANG)?
        {
            return Ok((worker, status.terminating_signal()));
        }
        thread::sleep(Duration::from_millis(5));
    }
    let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
    let _ = rustix::process::waitpid(Some(pid), WaitOptions::empty());
    bail!("worker {worker} outlived its parent, so the lesson killed it")
}
// ANCHOR_END: kill_middle
