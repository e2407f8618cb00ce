//! Between processes: a pipe to a child's stdin and from its stdout, and a
//! duplex connection like Python's `Pipe()`.

use std::io::{self, BufRead, BufReader, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::process::Stdio;
use std::thread;
use std::time::Duration;

use crate::frame;
use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard, ended_well};

/// How long a child of this lesson may take before it counts as stuck.
pub const CHILD_DEADLINE: Duration = Duration::from_secs(20);

// ANCHOR: pipe
/// Starts a child in role `doubler`, writes `numbers` to its stdin, one per
/// line, and reads its answers from its stdout. Returns the child's pid and
/// answers.
pub fn pipe_to_child(numbers: &[u64]) -> Result<(u32, Vec<String>)> {
    let mut command = child::command("doubler", &[])?;
    command.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = ChildGuard::spawn(&mut command)?;
    let mut stdin = child.child_mut().stdin.take().context("stdin is piped")?;
    let stdout = child.child_mut().stdout.take().context("stdout is piped")?;
    // Write on a thread of its own. Writing everything first and reading after
    // can hang: once the child's stdout pipe is full, the child stops reading.
    let numbers = numbers.to_vec();
    let writer = thread::spawn(move || -> io::Result<()> {
        for n in numbers {
            writeln!(stdin, "{n}")?;
        }
        // `stdin` is dropped here: the pipe closes and the child sees the end
        Ok(())
    });
    let answers = BufReader::new(stdout)
        .lines()
        .collect::<io::Result<Vec<_>>>()?;
    writer.join().expect("the writer panicked")?;
    let pid = child.id();
    let status = child
        .wait_timeout(CHILD_DEADLINE)?
        .context("the child is stuck")?;
    ended_well(status, "the doubler")?;
    Ok((pid, answers))
}

/// The child: reads numbers until its stdin ends, answers each one.
pub fn doubler() -> io::Result<()> {
    let mut out = io::stdout().lock();
    for line in io::stdin().lock().lines() {
        let n: u64 = line?.trim().parse().map_err(io::Error::other)?;
        writeln!(out, "{n} doubled is {}", 2 * n)?;
    }
    Ok(())
}
// ANCHOR_END: pipe

// ANCHOR: duplex
/// Python's `Pipe()`: two connected ends, each can send and receive. A Unix
/// socket pair is exactly that; the child gets its end as its stdin.
pub fn ask_child(questions: &[u64]) -> Result<(u32, Vec<u64>)> {
    let (mut parent_end, child_end) = UnixStream::pair()?;
    // a stuck child is an error, not a hang
    parent_end.set_read_timeout(Some(CHILD_DEADLINE))?;
    let mut child = {
        let mut command = child::command("answerer", &[])?;
        command.stdin(Stdio::from(OwnedFd::from(child_end)));
        ChildGuard::spawn(&mut command)?
    }; // the command, and our copy of the child's end, are dropped here
    for n in questions {
        // all sent before any answer is read
        frame::send(&mut parent_end, n.to_string().as_bytes())?;
    }
    let mut answers = Vec::new();
    for _ in questions {
        let message =
            frame::recv(&mut parent_end)?.context("the child hung up")?;
        answers.push(String::from_utf8(message)?.parse()?);
    }
    parent_end.shutdown(std::net::Shutdown::Write)?; // "no more questions"
    let pid = child.id();
    let status = child
        .wait_timeout(CHILD_DEADLINE)?
        .context("the child is stuck")?;
    ended_well(status, "the answerer")?;
    Ok((pid, answers))
}
// ANCHOR_END: duplex

// ANCHOR: answerer
/// The child: answers n with n + 1, one whole message for one whole message.
pub fn answerer() -> io::Result<()> {
    let mut socket =
        UnixStream::from(io::stdin().as_fd().try_clone_to_owned()?);
    while let Some(message) = frame::recv(&mut socket)? {
        let n: u64 = String::from_utf8_lossy(&message)
            .parse()
            .map_err(io::Error::other)?;
        frame::send(&mut socket, (n + 1).to_string().as_bytes())?;
    }
    Ok(())
}
// ANCHOR_END: answerer
