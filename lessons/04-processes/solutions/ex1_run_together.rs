//! Exercise 1: run several programs at the same time (reference solution).

use std::process::Command;

use anyhow::Result;
use course_kit::child::ChildGuard;

pub fn run_together(commands: &mut [Command]) -> Result<Vec<Option<i32>>> {
    // Start them all first: waiting inside this loop would run them one at a time.
    // If one fails to start, `?` returns and the guards already made kill their children.
    let children = commands
        .iter_mut()
        .map(ChildGuard::spawn)
        .collect::<Result<Vec<_>>>()?;
    // Waiting in order is fine: the total is the slowest child, not the sum.
    children
        .into_iter()
        .map(|child| Ok(child.wait()?.code()))
        .collect()
}
