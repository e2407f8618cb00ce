//! A value and an array in shared memory: a child changes them, the parent sees
//! it.

use std::process::Stdio;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard};
use course_kit::shm::{AtomicF64, SharedArray, SharedValue};

/// How long a parent waits for its child to open the segments it was given.
pub const OPEN_LIMIT: Duration = Duration::from_secs(10);

// ANCHOR: pi_and_negate
/// Python's `Value('d', 0.0)` and `Array('q', range(10))`, shared with a child
/// that sets the float and negates every number.
pub fn pi_and_negate() -> Result<(f64, Vec<i64>)> {
    let mut number = SharedValue::<AtomicF64>::create()?;
    let mut numbers = SharedArray::<AtomicI64>::create(10)?;
    for (i, slot) in numbers.iter().enumerate() {
        slot.store(i as i64, Ordering::Relaxed);
    }
    println!("  parent: made {}", number.handle());
    println!("           and {}", numbers.handle());
    let mut command = child::command("negate", &[])?;
    number.pass_to(&mut command)?;
    numbers.pass_to(&mut command)?;
    let negator = ChildGuard::spawn(&mut command)?;
    // Once the child has both open, the names have done their job.
    number.unlink_once_opened(1, OPEN_LIMIT)?;
    numbers.unlink_once_opened(1, OPEN_LIMIT)?;
    child::ended_well(negator.wait()?, "the child")?;
    // `wait` orders everything: what the child wrote is visible now.
    let seen = numbers.iter().map(|n| n.load(Ordering::Relaxed)).collect();
    Ok((number.load(Ordering::Relaxed), seen))
}
// ANCHOR_END: pi_and_negate

// ANCHOR: negate
/// The child's side: open both segments by the handles it was given.
pub fn negate(args: &[String]) -> Result<()> {
    let handle = |i, what| child::role_arg::<String>(args, i, what);
    let number = SharedValue::<AtomicF64>::open(&handle(0, "value")?)?;
    let numbers = SharedArray::<AtomicI64>::open(&handle(1, "array")?)?;
    number.store(std::f64::consts::PI, Ordering::Relaxed);
    for slot in numbers.iter() {
        slot.store(-slot.load(Ordering::Relaxed), Ordering::Relaxed);
    }
    Ok(())
}
// ANCHOR_END: negate

/// The parent changes a value and an array while the child sleeps; the child
/// reads them before and after its sleep, then writes back results of its own.
pub fn change_while_sleeping(sleep: Duration) -> Result<(i64, Vec<i64>)> {
    let mut value = SharedValue::<AtomicI64>::create()?;
    let mut results = SharedArray::<AtomicI64>::create(5)?;
    value.store(1, Ordering::Relaxed);
    let millis = sleep.as_millis().to_string();
    let mut command = child::command("sleepy", &[&millis])?;
    value.pass_to(&mut command)?;
    results.pass_to(&mut command)?;
    command.stdout(Stdio::piped());
    let mut sleepy = ChildGuard::spawn(&mut command)?;
    value.unlink_once_opened(1, OPEN_LIMIT)?;
    results.unlink_once_opened(1, OPEN_LIMIT)?;
    let out = sleepy.child_mut().stdout.take().context("no stdout")?;
    let lines = child::lines(out);
    let first = lines.recv_timeout(Duration::from_secs(10));
    println!("  child | {}", first.context("no word from the child")?);
    // ANCHOR: while_sleeping
    // The child is asleep now: change what it will read when it wakes up.
    // The data first, then the flag with `Release`: a child that sees 2 with
    // an `Acquire` load also sees the 10 stored before it.
    results[0].store(10, Ordering::Relaxed);
    value.store(2, Ordering::Release);
    println!("  parent: set results[0] = 10, then value = 2");
    for line in lines.iter() {
        // until the child exits and closes its stdout
        println!("  child | {line}");
    }
    child::ended_well(sleepy.wait()?, "the sleepy child")?;
    // ANCHOR_END: while_sleeping
    // After `wait`, everything the child wrote is visible: `Relaxed` will do.
    let results = results.iter().map(|r| r.load(Ordering::Relaxed)).collect();
    Ok((value.load(Ordering::Relaxed), results))
}

// ANCHOR: sleepy
/// The child's side: look, sleep, look again, then write results for the
/// parent.
pub fn sleepy(args: &[String]) -> Result<()> {
    let millis: u64 = child::role_arg(args, 0, "milliseconds to sleep")?;
    let handle = |i, what| child::role_arg::<String>(args, i, what);
    let value = SharedValue::<AtomicI64>::open(&handle(1, "value")?)?;
    let results = SharedArray::<AtomicI64>::open(&handle(2, "array")?)?;
    let show = |r: &SharedArray<AtomicI64>| -> Vec<i64> {
        r.iter().map(|x| x.load(Ordering::Relaxed)).collect()
    };
    let before = value.load(Ordering::Relaxed);
    println!(
        "before sleeping: value {before}, results {:?}",
        show(&results)
    );
    std::thread::sleep(Duration::from_millis(millis));
    // A sleep is no promise that the parent has written: also wait (10 s at
    // most) until the flag changes. `Acquire`: once it reads 2, the parent's
    // data stored before it is visible here too.
    let deadline = Instant::now() + Duration::from_secs(10);
    while value.load(Ordering::Acquire) == 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    let after = value.load(Ordering::Relaxed);
    println!(
        "after sleeping:  value {after}, results {:?}",
        show(&results)
    );
    // The parent reads these after `wait`, which orders everything.
    for (x, slot) in (1..).zip(results.iter()) {
        slot.fetch_add(x * x, Ordering::Relaxed); // the squares of 1..=5
    }
    value.store(10, Ordering::Relaxed);
    Ok(())
}
// ANCHOR_END: sleepy
