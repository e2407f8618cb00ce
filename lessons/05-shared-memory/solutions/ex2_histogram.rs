//! Exercise 2: one histogram, many processes (reference solution).

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedArray;

/// The child: `START END VALUES BUCKETS`. Counts values START..END of the
/// shared VALUES into the shared BUCKETS.
pub fn count_role(args: &[String]) -> Result<()> {
    let start: usize = child::role_arg(args, 0, "the first value's index")?;
    let end: usize = child::role_arg(args, 1, "the index after the last")?;
    let values = SharedArray::<AtomicU64>::open(&child::role_arg::<String>(
        args, 2, "values",
    )?)?;
    let buckets = SharedArray::<AtomicU64>::open(&child::role_arg::<String>(
        args, 3, "buckets",
    )?)?;
    for value in &values[start..end] {
        let bucket = (value.load(Ordering::Relaxed) / 10) as usize;
        // One indivisible read-modify-write: another child adding to the same
        // bucket at the same moment cannot make this count, or its own, vanish.
        // Relaxed is enough: the parent reads the counts after `wait`.
        buckets[bucket].fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

pub fn histogram(
    values: &[u64],
    children: usize,
    new_child: impl Fn() -> Result<Command>,
) -> Result<[u64; 10]> {
    // Millions of numbers do not fit on a command line (the kernel refuses
    // arguments past a few megabytes), so the values are shared too. Written
    // before the children start, they are only read after.
    let shared = SharedArray::<AtomicU64>::anonymous(values.len())?;
    for (slot, value) in shared.iter().zip(values) {
        slot.store(*value, Ordering::Relaxed);
    }
    let buckets = SharedArray::<AtomicU64>::anonymous(10)?;
    let share = values.len().div_ceil(children);
    let mut running = Vec::new();
    for nth in 0..children {
        let start = (nth * share).min(values.len());
        let end = (start + share).min(values.len());
        let mut command = new_child()?;
        command.args([start.to_string(), end.to_string()]);
        shared.pass_to(&mut command)?;
        buckets.pass_to(&mut command)?;
        running.push(ChildGuard::spawn(&mut command)?);
    }
    for child in running {
        let status = child.wait()?;
        child::ended_well(status, "a child")?;
    }
    Ok(std::array::from_fn(|b| buckets[b].load(Ordering::Relaxed)))
}
