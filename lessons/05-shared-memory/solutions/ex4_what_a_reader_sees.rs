//! Exercise 4 (stretch, optional): predict, then measure: what a reader sees
//! (reference solution).

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedValue;

/// How far the child counts.
pub const COUNT: u64 = 5_000_000;

/// Your two answers, given before you measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Predictions {
    /// Will the parent ever read a smaller number after a bigger one?
    pub goes_down: bool,
    /// Will the parent read every number from 1 to `COUNT`?
    pub sees_every_number: bool,
}

/// What the parent saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// How many times it read the value.
    pub reads: u64,
    /// How many different numbers it read.
    pub different: u64,
    /// Whether it ever read a smaller number right after a bigger one.
    pub went_down: bool,
}

pub fn predictions() -> Predictions {
    Predictions {
        // One value, one writer: every process sees its changes in the order
        // they were made (the hardware keeps the caches *coherent*). It can
        // see a number late, never go back to an older one.
        goes_down: false,
        // The writer does not wait for the reader: numbers come and go
        // between two reads, millions of them.
        sees_every_number: false,
    }
}

/// The child: store 1, 2, 3, ... `COUNT` into the shared value.
pub fn count_role(args: &[String]) -> Result<()> {
    let value = SharedValue::<AtomicU64>::open(&child::role_arg::<String>(
        args, 0, "value",
    )?)?;
    for number in 1..=COUNT {
        value.store(number, Ordering::Relaxed);
    }
    Ok(())
}

pub fn watch(new_child: impl Fn() -> Result<Command>) -> Result<Seen> {
    let value = SharedValue::<AtomicU64>::anonymous()?;
    let mut command = new_child()?;
    value.pass_to(&mut command)?;
    let mut counter = ChildGuard::spawn(&mut command)?;
    let mut seen = Seen {
        reads: 0,
        different: 0,
        went_down: false,
    };
    let mut last = None;
    // Read while the child runs: after it has exited there is only one
    // number left to see.
    let status = loop {
        let exited = counter.child_mut().try_wait()?;
        let now = value.load(Ordering::Relaxed);
        seen.reads += 1;
        if last != Some(now) {
            seen.different += 1;
        }
        if last.is_some_and(|last| now < last) {
            seen.went_down = true;
        }
        last = Some(now);
        if let Some(status) = exited {
            break status;
        }
    };
    child::ended_well(status, "the counting child")?;
    Ok(seen)
}
