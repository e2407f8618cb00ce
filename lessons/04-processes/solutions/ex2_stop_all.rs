//! Exercise 2: stop every child, politely first (reference solution).

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use signal_hook::consts::SIGTERM;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    Signalled(i32),
}

/// The child: hold a lock file until asked to stop.
pub fn lock_role(args: &[String]) -> Result<()> {
    let path: PathBuf = child::role_arg(args, 0, "the lock file")?;
    // The handler goes in BEFORE anyone may ask us to stop (we say `ready`
    // after it): from then on SIGTERM only sets the flag.
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTERM, Arc::clone(&stop))?;
    std::fs::write(&path, std::process::id().to_string())?;
    println!("ready");
    while !stop.load(Ordering::Relaxed) {
        thread::sleep(Duration::from_millis(10));
    }
    // Asked to stop: clean up, then return, so the process exits with 0.
    std::fs::remove_file(&path)?;
    Ok(())
}

pub fn ending(status: ExitStatus) -> Ending {
    // On Unix a process either exits with a code or is ended by a signal:
    // exactly one of the two is set. (Python folds both into `exitcode`, a
    // signal as a negative number.)
    match (status.code(), status.signal()) {
        (Some(code), _) => Ending::Exited(code),
        (None, Some(signal)) => Ending::Signalled(signal),
        (None, None) => {
            unreachable!("a finished Unix process has a code or a signal")
        }
    }
}

pub fn stop(
    mut children: Vec<ChildGuard>,
    grace: Duration,
) -> Result<Vec<Ending>> {
    // Ask every child first, so that they all clean up at the same time...
    for child in &mut children {
        child.terminate()?;
    }
    // ...then give them ONE deadline. `stop(grace)` on each in turn would give
    // each its own grace: n stubborn children would take n times as long.
    let deadline = Instant::now() + grace;
    let mut endings = Vec::new();
    for mut child in children {
        let left = deadline.saturating_duration_since(Instant::now());
        let status = match child.wait_timeout(left)? {
            Some(status) => status,
            // SIGKILL, then reap: the status shows signal 9
            None => child.kill()?,
        };
        endings.push(ending(status));
    }
    Ok(endings)
}
