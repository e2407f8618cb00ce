//! Running shell commands concurrently and reporting how each one ended.

use std::process::{ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

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
    /// When it was started, and when its task saw it end.
    pub started: Instant,
    pub ended: Instant,
}

// ANCHOR: commands
/// Runs one command (a program and its arguments), capturing its output.
/// `kill_on_drop`: if we stop waiting (the timeout below), the child is
/// killed; `dies_with_parent`: it is killed even if this process is.
async fn run(argv: Vec<String>, deadline: Duration) -> Ran {
    let mut command = Command::new(&argv[0]);
    command.args(&argv[1..]).stdin(Stdio::null());
    command.kill_on_drop(true);
    child::dies_with_parent(command.as_std_mut());
    let started = Instant::now();
    // Starts the child now; the future it returns waits for it to end.
    let output = command.output();
    let (exit, output) = match timeout(deadline, output).await {
        Err(_) => {
            let killed = format!("no exit within {}: killed", Millis(deadline));
            (Err(killed), None)
        }
        Ok(Err(error)) => (Err(format!("could not start: {error}")), None),
        Ok(Ok(output)) => (exit_code(output.status), Some(output)),
    };
    Ran::new(&argv, exit, output, started)
}
// ANCHOR_END: commands

// ANCHOR: run_all
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
// ANCHOR_END: run_all

/// The exit code. A command killed by a signal has none: `ended_well` says
/// which in one line, or, for the signals of Ctrl-C, a closed terminal or a
/// `kill`, which reach this lesson too, ends it quietly the same way.
fn exit_code(status: ExitStatus) -> Result<i32, String> {
    match status.code() {
        Some(code) => Ok(code),
        None => match child::ended_well(status, "the command") {
            Err(error) => Err(error.to_string()),
            Ok(()) => Err(status.to_string()),
        },
    }
}

impl Ran {
    fn new(
        argv: &[String],
        exit: Result<i32, String>,
        output: Option<Output>,
        started: Instant,
    ) -> Self {
        let text = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).trim_end().to_string()
        };
        let (stdout, stderr) = output.map_or_else(Default::default, |out| {
            (text(&out.stdout), text(&out.stderr))
        });
        Ran {
            command: as_typed(argv),
            exit,
            stdout,
            stderr,
            started,
            ended: Instant::now(),
        }
    }
}

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
