//! Exercise 3 (stretch, optional): predict, then measure: how much does a
//! pipe hold? (reference solution)

use std::io::{self, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use course_kit::child::ChildGuard;

pub fn predicted_bytes() -> usize {
    // 16 pages of 4 KiB: a Linux pipe's default size. (4096, PIPE_BUF, is the
    // largest write that is never mixed with other writers', not the size.)
    65536
}

/// The child: write single bytes to stdout until the pipe is full, then say
/// on stderr how many went in.
pub fn fill_role(_: &[String]) -> Result<()> {
    let stdout = io::stdout();
    // Non-blocking: a write into a full pipe fails with `WouldBlock` instead
    // of waiting for a reader that never comes.
    rustix::io::ioctl_fionbio(&stdout, true)?;
    let mut written = 0_usize;
    loop {
        // Straight to file descriptor 1: `print!` would keep the bytes in
        // Rust's buffer and write them later, many at a time.
        match rustix::io::write(&stdout, b"x") {
            Ok(_) => written += 1,
            // full: this byte did not go in
            Err(rustix::io::Errno::AGAIN) => break,
            Err(rustix::io::Errno::INTR) => continue,
            Err(error) => return Err(error.into()),
        }
    }
    eprintln!("{written}");
    Ok(())
}

pub fn measure(new_child: impl Fn() -> Result<Command>) -> Result<usize> {
    let mut command = new_child()?;
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut filler = ChildGuard::spawn(&mut command)?;
    // Keep the read end open but never read it: that is the experiment. (If
    // it were closed, the child's writes would fail with a broken pipe.)
    let _unread = filler.child_mut().stdout.take().context("no stdout")?;
    let mut report = String::new();
    let mut stderr = filler.child_mut().stderr.take().context("no stderr")?;
    stderr.read_to_string(&mut report)?;
    let Some(status) = filler.wait_timeout(Duration::from_secs(30))? else {
        bail!("the child did not finish");
    };
    ensure!(status.success(), "the child failed: {status}: {report}");
    report
        .trim()
        .parse()
        .with_context(|| format!("the child said {report:?}, not a number"))
}
