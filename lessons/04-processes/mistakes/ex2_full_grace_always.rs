//! WRONG: it always waits the whole grace period, even when every child has
//! already ended.

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

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
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTERM, Arc::clone(&stop))?;
    std::fs::write(&path, std::process::id().to_string())?;
    println!("ready");
    while !stop.load(Ordering::Relaxed) {
        thread::sleep(Duration::from_millis(10));
    }
    std::fs::remove_file(&path)?;
    Ok(())
}

pub fn ending(status: ExitStatus) -> Ending {
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
    for child in &mut children {
        child.terminate()?;
    }
    thread::sleep(grace);
    let mut endings = Vec::new();
    for mut child in children {
        let status = match child.wait_timeout(Duration::ZERO)? {
            Some(status) => status,
            None => child.kill()?,
        };
        endings.push(ending(status));
    }
    Ok(endings)
}
