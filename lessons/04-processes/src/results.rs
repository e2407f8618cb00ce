//! What a child gives back: its exit status, and what it writes on its stdout.

use std::io::{Read, Write};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use course_kit::child::{self, ChildGuard};

use crate::together::process_info;

// ANCHOR: value
/// The child's side: work, then print the answer as the last line of stdout.
pub fn sum_of_squares(args: &[String]) -> Result<()> {
    let n: u64 = child::role_arg(args, 0, "how many squares")?;
    println!("adding the squares of 1 to {n}");
    println!("{}", (1..=n).map(|k| k * k).sum::<u64>());
    Ok(())
}

/// The parent's side: the child's stdout is a pipe into the parent. Read it
/// all, check the exit status, and parse the last line.
pub fn sum_in_child(n: u64) -> Result<u64> {
    let output =
        child::run_role("sum", &[&n.to_string()], Duration::from_secs(30))?;
    child::ended_well(output.status, "the summing child")?;
    let text = String::from_utf8(output.stdout)
        .context("the child wrote non-UTF-8")?;
    let last = text.lines().last().context("the child printed nothing")?;
    last.parse()
        .with_context(|| format!("not a number: {last:?}"))
}
// ANCHOR_END: value

// ANCHOR: status
/// A child that fails on purpose. `process::exit` ends the process at once
/// with that code; the parent reads it from the exit status.
pub fn fail_with(args: &[String]) -> Result<()> {
    let code: i32 = child::role_arg(args, 0, "exit code")?;
    eprintln!("the input file is missing (this child exits with code {code})");
    std::process::exit(code);
}
// ANCHOR_END: status

// ANCHOR: pipe
/// The child's side: write `bytes` bytes to stdout.
pub fn chatty(args: &[String]) -> Result<()> {
    let bytes: usize = child::role_arg(args, 0, "how many bytes")?;
    std::io::stdout().write_all(&vec![b'x'; bytes])?;
    Ok(())
}

pub struct Stuck {
    pub waited: Duration,
    pub state: char,
    pub in_pipe: u64,
    pub read: usize,
    pub status: ExitStatus,
}
// ANCHOR_END: pipe

// ANCHOR: pipe_wait
/// The mistake: wait for the child before reading its output. A pipe holds
/// only so much; a child that writes more blocks until someone reads.
pub fn wait_before_reading(bytes: usize, patience: Duration) -> Result<Stuck> {
    let mut command = child::command("chatty", &[&bytes.to_string()])?;
    command.stdout(Stdio::piped());
    let mut chatty = ChildGuard::spawn(&mut command)?;
    let mut pipe = chatty.child_mut().stdout.take().context("no stdout")?;
    let started = Instant::now();
    // Wait `patience`, then on until the child is seen stuck: asleep (state S)
    // with bytes in the pipe; a busy machine may start it late: 10 s more.
    let (state, in_pipe) = loop {
        let exited = chatty.wait_timeout(Duration::from_millis(20))?;
        ensure!(
            exited.is_none(),
            "the child finished: is the pipe that big?"
        );
        let state = process_info(chatty.id()).map_or('?', |info| info.state);
        let in_pipe = rustix::io::ioctl_fionread(&pipe)?;
        if started.elapsed() >= patience && state == 'S' && in_pipe > 0 {
            break (state, in_pipe);
        }
        ensure!(
            started.elapsed() < patience + Duration::from_secs(10),
            "never stuck"
        );
    };
    let waited = started.elapsed();
    // The fix: read while the child writes (here: read to the end, then wait).
    let mut output = Vec::new();
    pipe.read_to_end(&mut output)?;
    let status = chatty.wait()?;
    child::ended_well(status, "the writing child")?;
    Ok(Stuck {
        waited,
        state,
        in_pipe,
        read: output.len(),
        status,
    })
}
// ANCHOR_END: pipe_wait
