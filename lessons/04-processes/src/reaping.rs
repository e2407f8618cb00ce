//! No zombies and no orphans: every child is waited for, and none outlives its
//! parent.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::process::{self, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use course_kit::child::{self, ChildGuard};
use rustix::process::{Pid, Signal, WaitOptions};

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
    let status = child.wait()?; // reaps it: the entry is gone
    child::ended_well(status, "the exited child")?;
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
/// With `die` the worker asks to die with it; without, it runs on.
pub fn middle(args: &[String]) -> Result<()> {
    child::die_with_parent()?; // should the lesson die before it kills us
    let die: bool = child::role_arg(args, 0, "true if the worker dies too")?;
    let worker =
        ChildGuard::spawn(&mut child::command("orphan", &[&die.to_string()])?)?;
    println!("worker {}", worker.id());
    thread::sleep(Duration::from_secs(60));
    Ok(())
}

/// The worker: asks the kernel for SIGKILL when its parent dies, or not.
/// Either way it ends when its stdin, a pipe from the lesson, closes.
pub fn orphan(args: &[String]) -> Result<()> {
    if child::role_arg(args, 0, "true to die with the parent")? {
        child::die_with_parent()?;
    }
    println!("ready"); // on the middle's stdout, which it inherited
    std::io::stdin().read_to_end(&mut Vec::new())?;
    Ok(())
}
// ANCHOR_END: orphan

/// How the worker of a middle process killed with SIGKILL fared.
#[derive(Debug)]
pub struct Orphaned {
    pub worker: u32,
    /// Its parent after the middle died, read from `/proc/PID/stat`.
    pub adopted_by: Option<u32>,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
}

// ANCHOR: kill_middle
/// Kills the middle process with SIGKILL and reports what became of its
/// worker: adopted by this process, or ended with it (`die`).
pub fn kill_the_middle(die: bool) -> Result<Orphaned> {
    // Orphans of our descendants become our children, so we can wait for them.
    rustix::process::set_child_subreaper(Some(rustix::process::getpid()))?;
    let mut command = child::command("middle", &[&die.to_string()])?;
    command.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut middle = ChildGuard::spawn(&mut command)?;
    let stdin = middle.child_mut().stdin.take().context("no stdin")?;
    let worker = worker_of(&mut middle)?;
    middle.kill()?; // SIGKILL: the middle cannot clean up
    let adopted_by = process_info(worker).map(|info| info.parent);
    drop(stdin); // end of input: a worker still running exits
    let status = reap(worker, Duration::from_secs(10))?;
    if !die {
        child::ended_well(status, "the adopted worker")?;
    }
    let signal = status.signal();
    Ok(Orphaned {
        worker,
        adopted_by,
        signal,
    })
}
// ANCHOR_END: kill_middle

/// Waits up to `limit` for child `pid` to end, and reaps it. One that is
/// still running then is killed, and that is an error.
fn reap(pid: u32, limit: Duration) -> Result<ExitStatus> {
    let worker = Pid::from_raw(pid as i32).context("a pid is positive")?;
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some((_, status)) =
            rustix::process::waitpid(Some(worker), WaitOptions::NOHANG)?
        {
            return Ok(ExitStatus::from_raw(status.as_raw()));
        }
        thread::sleep(Duration::from_millis(5));
    }
    let _ = rustix::process::kill_process(worker, Signal::KILL);
    let _ = rustix::process::waitpid(Some(worker), WaitOptions::empty());
    bail!("worker {pid} outlived its parent, so the lesson killed it")
}

/// Reads the middle's two lines, in either order: "worker PID" from the
/// middle, "ready" from the worker. Returns the worker's pid.
fn worker_of(middle: &mut ChildGuard) -> Result<u32> {
    let stdout = middle.child_mut().stdout.take().context("no stdout")?;
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
    worker.context("the middle process never named its worker")
}
