//! The seed's bank between two processes: the balance lives in shared memory
//! (lesson 05's `SharedValue`), and the two clerks are child processes.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use course_kit::child::{self, ChildGuard};
use course_kit::shm::{Shareable, SharedValue};

use crate::file_lock::LockFile;
use crate::spin;

/// How long anything in this part may wait before it counts as stuck.
pub const DEADLINE: Duration = Duration::from_secs(20);

// ANCHOR: bank
/// What the two processes share: the balance, a lock word for the spin lock,
/// a start gate, and the longest time a clerk spent at work.
#[repr(C)]
pub struct Bank {
    pub balance: AtomicI64,
    pub lock: AtomicU32,
    pub ready: AtomicU32,
    pub busy_us: AtomicU64,
}
// SAFETY: `#[repr(C)]`, and every field is an integer atomic: valid for any
// bits, changed only through atomic operations, no pointers, nothing to drop.
unsafe impl Shareable for Bank {}
// ANCHOR_END: bank

// ANCHOR: clerk

/// A child process: adds `amount` to the balance `ops` times, guarded by
/// `guard` ("none", "flock" or "spin"). Args: GUARD AMOUNT OPS PAUSE LOCKFILE
/// HANDLE.
pub fn clerk(args: &[String]) -> Result<()> {
    let [guard, amount, ops, pause, lock_path, handle] = args else {
        bail!("clerk needs GUARD AMOUNT OPS PAUSE LOCKFILE HANDLE");
    };
    let (amount, ops): (i64, u32) = (amount.parse()?, ops.parse()?);
    let pause = pause == "pause";
    let bank = SharedValue::<Bank>::open(handle)?;
    let lock_file = LockFile::open(Path::new(lock_path))?;
    start_together(&bank)?;
    let start = Instant::now();
    for _ in 0..ops {
        match guard.as_str() {
            "none" => update(&bank.balance, amount, pause),
            "flock" => {
                let _held = lock_file.lock()?;
                update(&bank.balance, amount, pause);
            }
            "spin" => {
                let _held = spin::lock(&bank.lock, DEADLINE)
                    .context("the lock was never freed")?;
                update(&bank.balance, amount, pause);
            }
            other => bail!("no guard named {other}"),
        }
    }
    bank.busy_us
        .fetch_max(start.elapsed().as_micros() as u64, Ordering::Relaxed);
    Ok(())
}

/// Read, (pause), write: the lost update of part `race`, between processes.
fn update(balance: &AtomicI64, amount: i64, pause: bool) {
    let read = balance.load(Ordering::Relaxed);
    if pause {
        thread::yield_now();
    }
    balance.store(read + amount, Ordering::Relaxed);
}
// ANCHOR_END: clerk

/// Waits until both clerks have started, so that their work overlaps (starting
/// a process takes far longer than 100 updates). It checks without pause for
/// the first 10 ms, as long as a quiet machine needs to start the other clerk,
/// then every millisecond, so a slow start on a busy machine costs no CPU.
fn start_together(bank: &Bank) -> Result<()> {
    bank.ready.fetch_add(1, Ordering::SeqCst);
    let start = Instant::now();
    while bank.ready.load(Ordering::SeqCst) < 2 {
        ensure!(start.elapsed() < DEADLINE, "the other clerk never started");
        if start.elapsed() < Duration::from_millis(10) {
            thread::yield_now();
        } else {
            thread::sleep(Duration::from_millis(1));
        }
    }
    Ok(())
}

// ANCHOR: run
/// Starts a depositor and a withdrawer process on one shared balance of 200.
/// Returns the final balance and how long the clerks were busy.
pub fn run_bank(guard: &str, ops: u32, pause: bool) -> Result<(i64, Duration)> {
    // freed by the kernel with its last user
    let bank = SharedValue::<Bank>::anonymous()?;
    bank.balance.store(200, Ordering::SeqCst);
    let lock_path = lock_path();
    let path = lock_path.to_str().context("temp dir is not UTF-8")?;
    let ops = ops.to_string();
    let pause = if pause { "pause" } else { "go" };
    let mut clerks = Vec::new();
    for amount in ["1", "-1"] {
        let mut command =
            child::command("clerk", &[guard, amount, &ops, pause, path])?;
        bank.pass_to(&mut command)?;
        clerks.push(ChildGuard::spawn(&mut command)?);
    }
    for mut clerk in clerks {
        let status =
            clerk.wait_timeout(DEADLINE)?.context("a clerk is stuck")?;
        ensure!(status.success(), "a clerk failed: {status}");
    }
    let _ = std::fs::remove_file(&lock_path);
    let busy = Duration::from_micros(bank.busy_us.load(Ordering::SeqCst));
    Ok((bank.balance.load(Ordering::SeqCst), busy))
}
// ANCHOR_END: run

/// A lock file for this run of the lesson (the pid keeps runs apart).
pub fn lock_path() -> PathBuf {
    std::env::temp_dir().join(format!("lesson-07-{}.lock", std::process::id()))
}

// ANCHOR: dead_holder
/// A child process that takes both locks, says so, and waits to be killed.
/// Args: LOCKFILE HANDLE.
pub fn holder(args: &[String]) -> Result<()> {
    let [lock_path, handle] = args else {
        bail!("holder needs LOCKFILE HANDLE");
    };
    let bank = SharedValue::<Bank>::open(handle)?;
    let lock_file = LockFile::open(Path::new(lock_path))?;
    let _file = lock_file.lock()?;
    let _spin =
        spin::lock(&bank.lock, DEADLINE).context("the lock was taken")?;
    println!("holding both locks");
    thread::sleep(DEADLINE); // until the parent kills us
    Ok(())
}

/// Kills a process while it holds both locks, then tries each lock for
/// `patience`. Returns whether the file lock, and the spin lock, could be
/// taken, and how long the try for the spin lock lasted.
pub fn after_the_holder_dies(
    patience: Duration,
) -> Result<(bool, bool, Duration)> {
    let bank = SharedValue::<Bank>::anonymous()?;
    let lock_path = lock_path();
    let mut command =
        child::command("holder", &[lock_path.to_str().context("not UTF-8")?])?;
    bank.pass_to(&mut command)?.stdout(Stdio::piped());
    let mut holder = ChildGuard::spawn(&mut command)?;
    let mut said = String::new();
    let stdout = holder
        .child_mut()
        .stdout
        .take()
        .context("stdout is piped")?;
    BufReader::new(stdout).read_line(&mut said)?;
    ensure!(
        said.trim() == "holding both locks",
        "the holder said {said:?}"
    );
    holder.kill()?; // SIGKILL: no destructor runs, the program unlocks nothing
    let lock_file = LockFile::open(&lock_path)?;
    let file_lock_free = lock_file.try_lock()?.is_some();
    let trying = Instant::now();
    let spin_lock_free = spin::lock(&bank.lock, patience).is_some();
    let tried = trying.elapsed();
    let _ = std::fs::remove_file(&lock_path);
    Ok((file_lock_free, spin_lock_free, tried))
}
// ANCHOR_END: dead_holder
