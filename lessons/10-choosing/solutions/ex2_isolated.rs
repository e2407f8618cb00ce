//! Exercise 2: when a process is the right tool (reference solution).

use std::process::Command;
use std::time::Duration;

use course_kit::child::output_with_deadline;

pub fn run_isolated(command_line: &str, deadline: Duration) -> Result<String, String> {
    let mut command = Command::new("sh");
    command.args(["-c", command_line]);
    // The helper captures the output, and kills and reaps the child at the
    // deadline: a stuck process can be stopped from outside, a stuck thread cannot.
    let output = output_with_deadline(&mut command, deadline).map_err(|e| format!("{e:#}"))?;
    if !output.status.success() {
        // A crash shows up here too, as "signal: 11 (SIGSEGV)" or similar.
        return Err(format!("{}", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}
