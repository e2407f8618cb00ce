//! WRONG: every child stores its sum into the same shared number, so each
//! overwrites the one before.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Result, ensure};
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedValue;

/// The child: `FIRST LAST HANDLE`. Adds up the squares of FIRST to LAST
/// and stores the sum in the shared total.
pub fn sum_role(args: &[String]) -> Result<()> {
    let first: u64 = child::role_arg(args, 0, "the first number")?;
    let last: u64 = child::role_arg(args, 1, "the last number")?;
    let handle: String = child::role_arg(args, 2, "the total")?;
    let total = SharedValue::<AtomicU64>::open(&handle)?;
    let sum = (first..=last).map(|k| k * k).sum();
    total.store(sum, Ordering::Relaxed);
    Ok(())
}

pub fn sum_of_squares(
    n: u64,
    children: usize,
    new_child: impl Fn() -> Result<Command>,
) -> Result<u64> {
    let total = SharedValue::<AtomicU64>::anonymous()?;
    let share = n.div_ceil(children as u64);
    let mut running = Vec::new();
    for slot in 0..children {
        let first = slot as u64 * share + 1;
        let last = (first + share - 1).min(n);
        let mut command = new_child()?;
        command.args([first.to_string(), last.to_string()]);
        total.pass_to(&mut command)?;
        running.push(ChildGuard::spawn(&mut command)?);
    }
    for child in running {
        let status = child.wait()?;
        ensure!(status.success(), "a child failed: {status}");
    }
    Ok(total.load(Ordering::Relaxed))
}
