//! Progress of a child, read by the parent through a shared value while the
//! child runs.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedValue;

/// Starts a child that does `steps` steps of work and counts them in shared
/// memory; reads the count every `every` until the child exits.
/// Returns the counts it saw.
// ANCHOR: progress
pub fn watch_progress(
    steps: u32,
    step: Duration,
    every: Duration,
) -> Result<Vec<u32>> {
    // Anonymous (a memfd): no name, nothing to clean up, only our children see
    // it.
    let done = SharedValue::<AtomicU32>::anonymous()?;
    let args = [steps.to_string(), step.as_millis().to_string()];
    let mut command = child::command("worker", &[&args[0], &args[1]])?;
    done.pass_to(&mut command)?;
    let mut worker = ChildGuard::spawn(&mut command)?;
    let mut seen = Vec::new();
    let limit = Instant::now() + step * steps * 10 + Duration::from_secs(10);
    loop {
        // sleep `every`, or less if it ends
        let exited = worker.wait_timeout(every)?;
        // A counter: `Relaxed`. Nothing else is read because of it.
        let count = done.load(Ordering::Relaxed);
        println!("  parent: {count:>2} of {steps} steps done");
        seen.push(count);
        if let Some(status) = exited {
            child::ended_well(status, "the worker")?;
            return Ok(seen);
        }
        // far too long: fail, and the guard kills the worker
        ensure!(Instant::now() < limit, "the worker is stuck");
    }
}
// ANCHOR_END: progress

// ANCHOR: worker
/// The child's side: one step of work, then one more on the shared count.
pub fn worker(args: &[String]) -> Result<()> {
    let steps: u32 = child::role_arg(args, 0, "steps")?;
    let step: u64 = child::role_arg(args, 1, "milliseconds per step")?;
    let handle: String = child::role_arg(args, 2, "handle")?;
    let done = SharedValue::<AtomicU32>::open(&handle)?;
    for _ in 0..steps {
        std::thread::sleep(Duration::from_millis(step)); // the work
        done.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}
// ANCHOR_END: worker
