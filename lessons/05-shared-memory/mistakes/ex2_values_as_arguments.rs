//! WRONG: the values go to the children as arguments, and millions of them do
//! not fit on a command line.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Result, ensure};
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedArray;

/// The child: `BUCKETS VALUE...`. Counts the values into the shared BUCKETS.
pub fn count_role(args: &[String]) -> Result<()> {
    let buckets = SharedArray::<AtomicU64>::open(&child::role_arg::<String>(
        args, 0, "buckets",
    )?)?;
    for value in &args[1..] {
        let value: u64 = value.parse()?;
        buckets[(value / 10) as usize].fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

pub fn histogram(
    values: &[u64],
    children: usize,
    new_child: impl Fn() -> Result<Command>,
) -> Result<[u64; 10]> {
    let buckets = SharedArray::<AtomicU64>::anonymous(10)?;
    let share = values.len().div_ceil(children);
    let mut running = Vec::new();
    for nth in 0..children {
        let start = (nth * share).min(values.len());
        let end = (start + share).min(values.len());
        let mut command = new_child()?;
        buckets.pass_to(&mut command)?;
        command.args(values[start..end].iter().map(u64::to_string));
        running.push(ChildGuard::spawn(&mut command)?);
    }
    for child in running {
        let status = child.wait()?;
        ensure!(status.success(), "a child failed: {status}");
    }
    Ok(std::array::from_fn(|b| buckets[b].load(Ordering::Relaxed)))
}
