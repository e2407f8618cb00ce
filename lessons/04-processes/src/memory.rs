//! Every process has its own memory: a global changed by a child stays
//! unchanged in the parent.

use std::process;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Result;
use course_kit::child;

// ANCHOR: global
/// A global list, like a Python module's `results = []`.
static RESULTS: Mutex<Vec<u64>> = Mutex::new(Vec::new());

/// Appends the squares of `numbers` to RESULTS; returns how many it now holds.
pub fn append_squares(numbers: &[u64]) -> usize {
    let mut results = RESULTS.lock().unwrap();
    results.extend(numbers.iter().map(|n| n * n));
    results.len()
}

/// The child's side: append to RESULTS, like a Python function appending to a
/// module-level `results = []`.
pub fn squares_in_child(_: &[String]) -> Result<()> {
    let held = append_squares(&[1, 2, 3, 4, 5]);
    println!("  child {}: RESULTS holds {held} numbers", process::id());
    Ok(())
}

/// Runs the child, then a thread, and returns how many numbers the parent's
/// RESULTS held after each.
pub fn child_then_thread() -> Result<(usize, usize)> {
    let output = child::run_role("squares", &[], Duration::from_secs(30))?;
    child::ended_well(output.status, "the child")?;
    print!("{}", String::from_utf8_lossy(&output.stdout));
    let after_child = RESULTS.lock().unwrap().len();
    std::thread::spawn(|| append_squares(&[1, 2, 3, 4, 5]))
        .join()
        .unwrap();
    let after_thread = RESULTS.lock().unwrap().len();
    Ok((after_child, after_thread))
}
// ANCHOR_END: global
