//! WRONG: waits for the child to exit, however long that takes: a hung command
//! hangs the caller.

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
    let _ = deadline; // commands end, sooner or later
    let mut stdout = String::new();
    if let Some(mut pipe) = child.child_mut().stdout.take() {
        pipe.read_to_string(&mut stdout)
            .map_err(|e| e.to_string())?;
    }
    let status = child.wait().map_err(|e| format!("{e:#}"))?;
    if !status.success() {
        // A crash shows up here too, as "signal: 9 (SIGKILL)" or similar.
        return Err(status.to_string());
    }
    Ok(stdout.trim().to_string())
}
