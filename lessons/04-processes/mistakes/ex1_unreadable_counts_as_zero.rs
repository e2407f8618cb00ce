//! WRONG: the child counts a file it cannot read as 0 lines instead of failing.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, ensure};
use course_kit::child::{self, ChildGuard};

/// The child: count the lines of one file and print the count.
pub fn count_role(args: &[String]) -> Result<()> {
    let path: PathBuf = child::role_arg(args, 0, "the file to count")?;
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    println!("{}", text.lines().count());
    Ok(())
}

pub fn count_lines(
    paths: &[PathBuf],
    new_child: impl Fn() -> Result<Command>,
) -> Result<Vec<usize>> {
    let mut children = Vec::new();
    for path in paths {
        let mut command = new_child()?;
        command.arg(path).stdout(Stdio::piped());
        children.push(ChildGuard::spawn(&mut command)?);
    }
    let mut counts = Vec::new();
    for (path, mut child) in paths.iter().zip(children) {
        let mut answer = String::new();
        let mut stdout =
            child.child_mut().stdout.take().context("no stdout")?;
        stdout.read_to_string(&mut answer)?;
        let status = child.wait()?;
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
