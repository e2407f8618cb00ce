//! WRONG: kills and reaps sh, but not what sh started: a `sleep` it started
//! runs on, and a job it sent off with `&` keeps stdout open.
//! Exercise 2: when a process is the right tool.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use course_kit::child::ChildGuard;

pub fn run_isolated(
    command_line: &str,
    deadline: Duration,
) -> Result<String, String> {
    let mut command = Command::new("sh");
    command.args(["-c", command_line]).stdout(Stdio::piped());
    // The guard kills and reaps the child if this function returns early.
    let mut child =
        ChildGuard::spawn(&mut command).map_err(|e| format!("{e:#}"))?;
    let waited = child.wait_timeout(deadline).map_err(|e| format!("{e:#}"))?;
    let Some(status) = waited else {
        // Still running: a process can be stopped from outside, a thread
        // cannot. `kill` also reaps it, so no zombie stays behind.
        let status = child.kill().map_err(|e| format!("{e:#}"))?;
        return Err(format!("no exit within {deadline:?}: {status}"));
    };
    if !status.success() {
        // A crash shows up here too, as "signal: 9 (SIGKILL)" or similar.
        return Err(status.to_string());
    }
    // The child has exited, so its stdout holds all it will ever write.
    // (Waiting first is fine for a short answer; a long one would fill the pipe
    // and block the child, and must be read while it runs.)
    let mut stdout = String::new();
    if let Some(mut pipe) = child.child_mut().stdout.take() {
        pipe.read_to_string(&mut stdout)
            .map_err(|e| e.to_string())?;
    }
    Ok(stdout.trim().to_string())
}
