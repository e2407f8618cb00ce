//! WRONG: the lock holder never handles SIGTERM, so SIGTERM ends it before it
//! can clean up.

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    Signalled(i32),
}

/// The child: hold a lock file until asked to stop.
pub fn lock_role(args: &[String]) -> Result<()> {
    let path: PathBuf = child::role_arg(args, 0, "the lock file")?;
    std::fs::write(&path, std::process::id().to_string())?;
    println!("ready");
    let stop = AtomicBool::new(false);
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
    let deadline = Instant::now() + grace;
    let mut endings = Vec::new();
    for mut child in children {
        let left = deadline.saturating_duration_since(Instant::now());
        let status = match child.wait_timeout(left)? {
            Some(status) => status,
            None => child.kill()?,
        };
        endings.push(ending(status));
    }
    Ok(endings)
}
