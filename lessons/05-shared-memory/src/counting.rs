//! Counting in shared memory from several processes: one after another, then at
//! once.

use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};

use anyhow::Result;
use course_kit::child::{self, ChildGuard};
use course_kit::shm::{Shareable, SharedValue};

// ANCHOR: in_turn
/// Five processes, one after another, each add 1 to a shared counter and to
/// its own copy of a plain number (passed as an argument).
pub fn five_in_turn() -> Result<(i64, i64)> {
    // Anonymous: only our children need it.
    let counter = SharedValue::<AtomicI64>::anonymous()?;
    counter.store(1, Ordering::Relaxed);
    let plain: i64 = 1;
    for _ in 0..5 {
        let mut command = child::command("add-one", &[&plain.to_string()])?;
        counter.pass_to(&mut command)?;
        let status = ChildGuard::spawn(&mut command)?.wait()?; // one at a time
        child::ended_well(status, "a child")?;
    }
    Ok((counter.load(Ordering::Relaxed), plain))
}
// ANCHOR_END: in_turn

// ANCHOR: add_one
pub fn add_one(args: &[String]) -> Result<()> {
    let mut plain: i64 = child::role_arg(args, 0, "a plain number")?;
    plain += 1; // changes the child's copy only
    let handle: String = child::role_arg(args, 1, "counter")?;
    let counter = SharedValue::<AtomicI64>::open(&handle)?;
    counter.fetch_add(1, Ordering::Relaxed);
    println!(
        "  child {}: my copy of plain is {plain}",
        std::process::id()
    );
    Ok(())
}
// ANCHOR_END: add_one

// ANCHOR: add_many
/// Adds 1, `times` times, in two separate steps: read, then write.
/// Another process may write between the two; its increment is then lost.
pub fn add_by_load_and_store(counter: &AtomicI64, times: u64) {
    for _ in 0..times {
        let seen = counter.load(Ordering::Relaxed);
        counter.store(seen + 1, Ordering::Relaxed);
    }
}

/// Adds 1, `times` times, each in one indivisible step.
pub fn add_atomically(counter: &AtomicI64, times: u64) {
    for _ in 0..times {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}
// ANCHOR_END: add_many

/// What the two adders share: the counter, and how many of them are ready.
#[repr(C)]
pub struct Race {
    pub counter: AtomicI64,
    pub ready: AtomicU32,
}

// SAFETY: `#[repr(C)]` fixes the layout in every process; both fields are
// integer atomics (valid for any bits, no pointers). The 4 bytes of padding
// after `ready` hold no value and are never read.
unsafe impl Shareable for Race {}

// ANCHOR: race
/// Two processes add `times` each to one shared counter, at the same moment.
/// Returns the final count (it should be `2 * times`).
pub fn two_at_once(atomic: bool, times: u64) -> Result<i64> {
    // Anonymous: only our children need it, and nothing is left if we are
    // killed.
    let shared = SharedValue::<Race>::anonymous()?;
    let way = if atomic { "atomic" } else { "load-store" };
    let children = (0..2)
        .map(|_| {
            let mut command =
                child::command("adder", &[way, &times.to_string()])?;
            shared.pass_to(&mut command)?;
            ChildGuard::spawn(&mut command)
        })
        .collect::<Result<Vec<_>>>()?;
    for adder in children {
        let status = adder.wait()?;
        child::ended_well(status, "an adder")?;
    }
    Ok(shared.counter.load(Ordering::Relaxed))
}
// ANCHOR_END: race

// ANCHOR: adder
pub fn adder(args: &[String]) -> Result<()> {
    let way: String = child::role_arg(args, 0, "atomic or load-store")?;
    let times: u64 = child::role_arg(args, 1, "how many times")?;
    let handle: String = child::role_arg(args, 2, "handle")?;
    let shared = SharedValue::<Race>::open(&handle)?;
    // A starting line: both wait until both are ready, so that they really
    // overlap. `Relaxed` everywhere: counters, and nothing published by them.
    shared.ready.fetch_add(1, Ordering::Relaxed);
    while shared.ready.load(Ordering::Relaxed) < 2 {
        std::thread::yield_now();
    }
    match way.as_str() {
        "atomic" => add_atomically(&shared.counter, times),
        _ => add_by_load_and_store(&shared.counter, times),
    }
    Ok(())
}
// ANCHOR_END: adder
