//! Starting one child process, and who is who: process ids.

use std::os::unix::process::parent_id;
use std::process::{self, ExitStatus};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};

// ANCHOR: start_one
/// Starts this same program again, as a child playing the role `greet`, and
/// waits for it: Python's `Process(target=greet, args=(name,))`, `start()`,
/// `join()`.
pub fn start_one(name: &str) -> Result<ExitStatus> {
    let mut command = child::command("greet", &[name])?;
    let child = ChildGuard::spawn(&mut command)?;
    println!("  parent {}: started child {}", process::id(), child.id());
    let status = child.wait()?; // blocks until the child has exited
    println!("  parent {}: the child exited with {status}", process::id());
    Ok(status)
}

/// The child's side. A role is an ordinary function; it runs in the new
/// process.
pub fn greet(args: &[String]) -> Result<()> {
    let name: String = child::role_arg(args, 0, "who to greet")?;
    let me = process::id();
    println!("  child {me}: hello {name}, my parent is {}", parent_id());
    // The same program, started with a hidden argument naming the role.
    let argv: Vec<_> = std::env::args_os().skip(1).collect();
    println!("  child {me}: my arguments are {argv:?}");
    Ok(())
}
// ANCHOR_END: start_one
