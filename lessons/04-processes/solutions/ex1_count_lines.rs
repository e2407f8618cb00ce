//! Exercise 1: count lines in child processes (reference solution).

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, ensure};
use course_kit::child::{self, ChildGuard};

/// The child: count the lines of one file and print the count.
pub fn count_role(args: &[String]) -> Result<()> {
    let path: PathBuf = child::role_arg(args, 0, "the file to count")?;
    // `?` turns a file we cannot read into an error: `main` prints it and the
    // process exits with status 1. Printing 0 instead would hide the failure.
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    println!("{}", text.lines().count());
    Ok(())
}

pub fn count_lines(
    paths: &[PathBuf],
    new_child: impl Fn() -> Result<Command>,
) -> Result<Vec<usize>> {
    // Start every child before waiting for any: they run at the same time.
    // Each is held by a guard from the moment it exists, so whatever makes us
    // return early (a `?` below) kills and reaps the ones still running.
    let mut children = Vec::new();
    for path in paths {
        let mut command = new_child()?;
        command.arg(path).stdout(Stdio::piped());
        children.push(ChildGuard::spawn(&mut command)?);
    }
    let mut counts = Vec::new();
    for (path, mut child) in paths.iter().zip(children) {
        // Read the answer to its end, then wait: the child never blocks on a
        // full pipe, and once its stdout has closed the wait is short.
        let mut answer = String::new();
        let mut stdout =
            child.child_mut().stdout.take().context("no stdout")?;
        stdout.read_to_string(&mut answer)?;
        let status = child.wait()?;
        // The status decides, not the output: a child that printed a number
        // and then failed has still failed.
        ensure!(
            status.success(),
            "counting {} failed: {status}",
            path.display()
        );
        let count = answer.trim().parse().with_context(|| {
            format!("counting {}: not a number: {answer:?}", path.display())
        })?;
        counts.push(count);
    }
    Ok(counts)
}
