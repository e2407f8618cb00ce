//! Running shell commands concurrently and reporting how each one ended.

use std::process::Stdio;
use std::time::Duration;

use course_kit::child;
use course_kit::timing::Millis;
use tokio::process::Command;
use tokio::task::JoinSet;
use tokio::time::timeout;

/// What one command did.
#[derive(Debug)]
pub struct Ran {
    pub command: String,
    /// The exit code, or why there is none (it could not start, was killed,
    /// timed out).
    pub exit: Result<i32, String>,
    pub stdout: String,
    pub stderr: String,
}

// ANCHOR: commands
/// Runs one command (a program and its arguments), capturing its output.
/// `kill_on_drop` means that if we stop waiting (the timeout below), the child
/// is killed rather than left running; `dies_with_parent`, that it is killed
/// even if this process is (Linux's parent-death signal).
async fn run(argv: Vec<String>, deadline: Duration) -> Ran {
    let mut command = Command::new(&argv[0]);
    command
        .args(&argv[1..])
        .stdin(Stdio::null())
        .kill_on_drop(true);
    child::dies_with_parent(command.as_std_mut());
    let child = command.output(); // a future: nothing has started yet
    let (exit, stdout, stderr) = match timeout(deadline, child).await {
        Err(_) => (
            Err(format!("no exit within {}: killed", Millis(deadline))),
            vec![],
            vec![],
        ),
        Ok(Err(error)) => {
            (Err(format!("could not start: {error}")), vec![], vec![])
        }
        Ok(Ok(out)) => {
            let code = out.status.code().ok_or_else(|| out.status.to_string());
            (code, out.stdout, out.stderr)
        }
    };
    let text =
        |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim_end().to_string();
    Ran {
        command: as_typed(&argv),
        exit,
        stdout: text(stdout),
        stderr: text(stderr),
    }
}

/// Starts every command at once and returns their reports in the order given.
pub async fn run_all(commands: &[&[&str]], deadline: Duration) -> Vec<Ran> {
    let mut tasks = JoinSet::new();
    for (index, argv) in commands.iter().enumerate() {
        let argv: Vec<String> =
            argv.iter().map(|word| word.to_string()).collect();
        tasks.spawn(async move { (index, run(argv, deadline).await) });
    }
    let mut reports: Vec<(usize, Ran)> = tasks.join_all().await;
    reports.sort_by_key(|(index, _)| *index);
    reports.into_iter().map(|(_, ran)| ran).collect()
}
// ANCHOR_END: commands

/// The command as it would be typed in a shell: words with spaces in quotes.
fn as_typed(argv: &[String]) -> String {
    let words: Vec<String> = argv
        .iter()
        .map(|word| {
            if word.contains(' ') {
                format!("'{word}'")
            } else {
                word.clone()
            }
        })
        .collect();
    words.join(" ")
}
