//! Stopping a child from outside: SIGTERM asks, SIGKILL forces.

use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard};
use course_kit::timed;
use signal_hook::consts::SIGTERM;

// ANCHOR: polite
/// A child that works in small steps and, between steps, checks whether
/// SIGTERM has arrived. If so, it finishes cleanly and exits.
pub fn polite_worker(_: &[String]) -> Result<()> {
    child::die_with_parent()?; // it waits for SIGTERM: a dead parent sends none
    let stop = Arc::new(AtomicBool::new(false));
    // The handler only sets the flag; the work loop decides when to stop.
    signal_hook::flag::register(SIGTERM, Arc::clone(&stop))?;
    println!("ready");
    let mut steps = 0;
    while !stop.load(Ordering::Relaxed) {
        thread::sleep(Duration::from_millis(10)); // one step of work
        steps += 1;
    }
    println!("got SIGTERM after {steps} steps: saving my work, then exiting");
    Ok(())
}

/// A child that takes SIGTERM away from its default action and then
/// never looks at it: SIGTERM cannot stop it.
pub fn stubborn_worker(_: &[String]) -> Result<()> {
    child::die_with_parent()?; // it ignores SIGTERM: nothing else would end it
    let ignored = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTERM, ignored)?;
    println!("ready");
    loop {
        thread::sleep(Duration::from_millis(10));
    }
}
// ANCHOR_END: polite

// ANCHOR: stop
/// How a stopped child ended.
pub struct Stopped {
    pub printed: Vec<String>,
    pub status: ExitStatus,
    /// From SIGTERM to the end of the child.
    pub took: Duration,
}

/// Starts `role`, waits until it says "ready", then stops it: SIGTERM, up to
/// `grace` to exit, then SIGKILL.
pub fn start_then_stop(role: &str, grace: Duration) -> Result<Stopped> {
    let mut command = child::command(role, &[])?;
    command.stdout(Stdio::piped());
    let mut worker = ChildGuard::spawn(&mut command)?;
    let stdout = worker.child_mut().stdout.take().context("no stdout")?;
    let lines = child::lines(stdout);
    // Before "ready" the handler may not be in place, and SIGTERM would
    // simply end the child: wait for it, but never forever.
    lines
        .recv_timeout(Duration::from_secs(10))
        .context("the child never said it was ready")?;
    thread::sleep(Duration::from_millis(100)); // let it work for a while
    let (status, took) = timed(|| worker.stop(grace)); // SIGTERM, wait, SIGKILL
    let status = status?;
    // The child has ended, so its pipe is closed: collect what is left.
    let printed = lines.iter().collect();
    Ok(Stopped {
        printed,
        status,
        took,
    })
}
// ANCHOR_END: stop
