//! Exercise 1: partial sums in shared memory (reference solution).

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedArray;

/// The child: `FIRST LAST SLOT HANDLE`. Adds up the squares of FIRST to LAST
/// and stores the sum in slot SLOT of the shared array.
pub fn sum_role(args: &[String]) -> Result<()> {
    let first: u64 = child::role_arg(args, 0, "the first number")?;
    let last: u64 = child::role_arg(args, 1, "the last number")?;
    let slot: usize = child::role_arg(args, 2, "the slot")?;
    let handle: String = child::role_arg(args, 3, "the slots")?;
    let slots = SharedArray::<AtomicU64>::open(&handle)?;
    let sum = (first..=last).map(|k| k * k).sum();
    // Its own slot: no other process writes there, so a plain store is enough.
    slots[slot].store(sum, Ordering::Relaxed);
    Ok(())
}

pub fn sum_of_squares(
    n: u64,
    children: usize,
    new_child: impl Fn() -> Result<Command>,
) -> Result<u64> {
    // Anonymous: only our children need it, and it cannot leak.
    let slots = SharedArray::<AtomicU64>::anonymous(children)?;
    let share = n.div_ceil(children as u64);
    let mut running = Vec::new();
    for slot in 0..children {
        let first = slot as u64 * share + 1;
        // may be below `first`: no numbers
        let last = (first + share - 1).min(n);
        let mut command = new_child()?;
        command.args([first.to_string(), last.to_string(), slot.to_string()]);
        // Adds the handle as the last argument, and lets the child inherit
        // the memfd: a bare `slots.handle()` would name a descriptor that
        // the child does not have.
        slots.pass_to(&mut command)?;
        running.push(ChildGuard::spawn(&mut command)?);
    }
    for child in running {
        let status = child.wait()?;
        child::ended_well(status, "a child")?;
    }
    // `wait` orders everything: whatever a child stored before it exited is
    // visible now, so `Relaxed` loads are enough.
    Ok(slots.iter().map(|slot| slot.load(Ordering::Relaxed)).sum())
}
