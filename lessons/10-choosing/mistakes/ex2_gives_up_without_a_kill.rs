//! WRONG: stops waiting at the deadline but never kills the child: the hung
//! command runs on, unseen.

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

pub fn run_isolated(
    command_line: &str,
    deadline: Duration,
) -> Result<String, String> {
    let mut child = Command::new("sh")
        .args(["-c", command_line])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() >= deadline {
            // Stop waiting: the caller has better things to do.
            return Err(format!("no exit within {deadline:?}"));
        }
        thread::sleep(Duration::from_millis(5));
    };
    if !status.success() {
        return Err(status.to_string());
    }
    let mut stdout = String::new();
    if let Some(mut pipe) = child.stdout.take() {
        pipe.read_to_string(&mut stdout)
            .map_err(|e| e.to_string())?;
    }
    Ok(stdout.trim().to_string())
}
