//! Starting one child process, and who is who: process ids. First with the
//! standard library alone, then what its `Child` does not do when dropped.

use std::os::unix::process::parent_id;
use std::process::{self, Command, ExitStatus};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard};
use rustix::process::{Pid, Signal, WaitOptions};

use crate::together::process_info;

// ANCHOR: start_bare
/// Starts this same program again, as a child playing the role `greet`, and
/// waits for it: Python's `Process(target=greet, args=(name,))`, `start()`,
/// `join()`. The standard library alone.
pub fn start_bare(name: &str) -> Result<ExitStatus> {
    let program = std::env::current_exe()?;
    let mut child = Command::new(program)
        .args([child::ROLE_ARG, "greet", name]) // which role to play
        .env(child::PARENT_ENV, process::id().to_string())
        .spawn()?;
    println!("  parent {}: started child {}", process::id(), child.id());
    let status = child.wait()?; // blocks until the child has exited
    println!("  parent {}: the child exited with {status}", process::id());
    Ok(status)
}

/// The child's side. A role is an ordinary function; it runs in the new
/// process.
pub fn greet(args: &[String]) -> Result<()> {
    let name: String = child::role_arg(args, 0, "who to greet")?;
    let me = process::id();
    println!("  child {me}: hello {name}, my parent is {}", parent_id());
    // The same program, started with a hidden argument naming the role.
    let argv: Vec<_> = std::env::args_os().skip(1).collect();
    println!("  child {me}: my arguments are {argv:?}");
    Ok(())
}
// ANCHOR_END: start_bare

// ANCHOR: dropped
/// Starts a child that sleeps `millis`, then drops its `std::process::Child`
/// without waiting: std neither kills nor reaps a child on drop.
pub fn spawn_and_drop(millis: &str) -> Result<u32> {
    let mut command = child::command("sleeper", &[millis])?;
    let child = child::dies_with_parent(&mut command).spawn()?;
    let pid = child.id();
    drop(child); // no kill, no wait: the child is on its own
    Ok(pid)
}
// ANCHOR_END: dropped

/// The state of process `pid` once it has settled: `Z` if it has exited but
/// nobody waited for it, `S` if it still sleeps. Waits up to 10 s for a child
/// that should exit at once (`want` = `Z`).
pub fn state_of(pid: u32, want: char) -> char {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let state = process_info(pid).map_or('?', |info| info.state);
        if state == want || Instant::now() > deadline {
            return state;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Cleans up after [`spawn_and_drop`]: kills child `pid` if it still runs and
/// reaps it. Only a parent can wait for its child, and it still can, by pid.
pub fn kill_and_reap(pid: u32) -> Result<()> {
    let pid = Pid::from_raw(pid as i32).context("a pid is positive")?;
    let _ = rustix::process::kill_process(pid, Signal::KILL);
    rustix::process::waitpid(Some(pid), WaitOptions::empty())?;
    Ok(())
}

/// The same child held by a `ChildGuard` and dropped: the guard kills it and
/// waits for it, so nothing is left of it. Returns its pid.
pub fn guard_and_drop(millis: &str) -> Result<u32> {
    let guard = ChildGuard::spawn(&mut child::command("sleeper", &[millis])?)?;
    let pid = guard.id();
    drop(guard);
    Ok(pid)
}
