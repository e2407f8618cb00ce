//! The seed's bank between two processes: the balance lives in shared memory
//! (lesson 05's `SharedValue`), and the two clerks are child processes.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::Ordering::{self, SeqCst};
use std::sync::atomic::{AtomicI64, AtomicU32, AtomicU64};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use course_kit::child::{self, ChildGuard};
use course_kit::shm::{Shareable, SharedValue};
use rustix::time::{ClockId, clock_gettime};

use crate::file_lock::LockFile;
use crate::{futex_lock, spin};

/// How long anything in this part may wait before it counts as stuck.
pub const DEADLINE: Duration = Duration::from_secs(20);

// ANCHOR: bank
/// What the two processes share: the balance, a lock word for each lock
/// that lives in the mapping, a start gate, and what the clerks measured.
#[repr(C)]
pub struct Bank {
    pub balance: AtomicI64,
    /// Who updated last (its amount), and how often that changed.
    pub last: AtomicI64,
    pub handovers: AtomicU64,
    pub spin: AtomicU32,
    pub futex: AtomicU32,
    pub ready: AtomicU32,
    /// The longest time a clerk spent at work, and their CPU time in all.
    pub busy_us: AtomicU64,
    pub cpu_us: AtomicU64,
}
// SAFETY: `#[repr(C)]`, and every field is an integer atomic: valid for any
// bits, changed only through atomic operations, no pointers, nothing to drop.
// The 4 bytes of padding after `ready` hold no value and are never read.
unsafe impl Shareable for Bank {}
// ANCHOR_END: bank

/// The locks a clerk can be told to use.
pub const GUARDS: [&str; 4] = ["none", "flock", "spin", "futex"];

/// Runs `update` under the lock named `guard`.
// ANCHOR: clerk
fn locked(
    bank: &Bank,
    file: &LockFile,
    guard: &str,
    update: impl FnOnce(),
) -> Result<()> {
    match guard {
        "none" => update(),
        "flock" => {
            let _held = file.lock()?;
            update();
        }
        "spin" => {
            let _held = spin::lock(&bank.spin, DEADLINE).context(STUCK)?;
            update();
        }
        "futex" => {
            let _held =
                futex_lock::lock(&bank.futex, DEADLINE).context(STUCK)?;
            update();
        }
        other => bail!("no guard named {other}"),
    }
    Ok(())
}
// ANCHOR_END: clerk

/// Read, (pause), write: the lost update of part `race`, between processes.
/// Then it notes whether the lock changed hands since the last update.
fn update(bank: &Bank, amount: i64, pause: bool) {
    let read = bank.balance.load(Ordering::Relaxed);
    if pause {
        thread::yield_now();
    }
    bank.balance.store(read + amount, Ordering::Relaxed);
    // 0: no update yet, so the first one is no handover.
    let before = bank.last.swap(amount, Ordering::Relaxed);
    if before != 0 && before != amount {
        bank.handovers.fetch_add(1, Ordering::Relaxed);
    }
}

const STUCK: &str = "the lock was never freed";

/// A child process: adds `amount` to the balance `ops` times, guarded by
/// `guard` (one of [`GUARDS`]). Args: GUARD AMOUNT OPS PAUSE LOCKFILE HANDLE.
pub fn clerk(args: &[String]) -> Result<()> {
    let [guard, amount, ops, pause, lock_path, handle] = args else {
        bail!("clerk needs GUARD AMOUNT OPS PAUSE LOCKFILE HANDLE");
    };
    let (amount, ops): (i64, u32) = (amount.parse()?, ops.parse()?);
    let pause = pause == "pause";
    let bank = SharedValue::<Bank>::open(handle)?;
    let lock_file = LockFile::open(Path::new(lock_path))?;
    start_together(&bank)?;
    let (start, cpu) = (Instant::now(), cpu_time());
    for _ in 0..ops {
        locked(&bank, &lock_file, guard, || update(&bank, amount, pause))?;
    }
    let micros = |d: Duration| d.as_micros() as u64;
    bank.busy_us
        .fetch_max(micros(start.elapsed()), Ordering::Relaxed);
    bank.cpu_us
        .fetch_add(micros(cpu_time() - cpu), Ordering::Relaxed);
    Ok(())
}

/// The CPU time this thread has used so far (user and system).
pub fn cpu_time() -> Duration {
    let now = clock_gettime(ClockId::ThreadCPUTime);
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

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

/// What one run of the bank left: the final balance, how long the clerks
/// were busy, the CPU time they used in all, and how often the lock passed
/// from one clerk to the other.
pub struct BankRun {
    pub balance: i64,
    pub handovers: u64,
    pub busy: Duration,
    pub cpu: Duration,
}

// ANCHOR: run
/// Starts a depositor and a withdrawer process on one shared balance of 200.
pub fn run_bank(guard: &str, ops: u32, pause: bool) -> Result<BankRun> {
    let bank = SharedValue::<Bank>::anonymous()?; // gone with its last user
    bank.balance.store(200, Ordering::SeqCst);
    let lock_path = lock_path();
    let path = lock_path.to_str().context("temp dir is not UTF-8")?;
    let (ops, pause) = (ops.to_string(), if pause { "pause" } else { "go" });
    let mut clerks = Vec::new();
    for amount in ["1", "-1"] {
        let mut command =
            child::command("clerk", &[guard, amount, &ops, pause, path])?;
        bank.pass_to(&mut command)?;
        clerks.push(ChildGuard::spawn(&mut command)?);
    }
    for mut clerk in clerks {
        let status = clerk.wait_timeout(DEADLINE)?.context("clerk stuck")?;
        child::ended_well(status, "a clerk")?;
    }
    let _ = std::fs::remove_file(&lock_path);
    Ok(BankRun::read(&bank))
}
// ANCHOR_END: run

impl BankRun {
    /// What the clerks left in the shared `bank`.
    fn read(bank: &Bank) -> Self {
        let micros = |us: &AtomicU64| Duration::from_micros(us.load(SeqCst));
        Self {
            balance: bank.balance.load(SeqCst),
            handovers: bank.handovers.load(SeqCst),
            busy: micros(&bank.busy_us),
            cpu: micros(&bank.cpu_us),
        }
    }
}

/// A lock file for this run of the lesson (the pid keeps runs apart).
pub fn lock_path() -> PathBuf {
    std::env::temp_dir().join(format!("lesson-07-{}.lock", std::process::id()))
}

/// A child process that takes all three locks, says so, and waits to be
/// killed. Args: LOCKFILE HANDLE.
pub fn holder(args: &[String]) -> Result<()> {
    let [lock_path, handle] = args else {
        bail!("holder needs LOCKFILE HANDLE");
    };
    let bank = SharedValue::<Bank>::open(handle)?;
    let lock_file = LockFile::open(Path::new(lock_path))?;
    let _file = lock_file.lock()?;
    let _spin = spin::lock(&bank.spin, DEADLINE).context(STUCK)?;
    let _futex = futex_lock::lock(&bank.futex, DEADLINE).context(STUCK)?;
    println!("holding all three locks");
    thread::sleep(DEADLINE); // until the parent kills us
    Ok(())
}

/// What one try for a lock whose holder was killed found.
pub struct Try {
    /// Whether the lock could be taken.
    pub free: bool,
    /// How long the try lasted, and the CPU time it used.
    pub waited: Duration,
    pub cpu: Duration,
}

// ANCHOR: dead_holder
/// Kills a process while it holds all three locks, then tries each lock
/// for at most `patience`: the file lock, the spin lock, the futex lock.
pub fn after_the_holder_dies(patience: Duration) -> Result<[Try; 3]> {
    let bank = SharedValue::<Bank>::anonymous()?;
    let lock_path = lock_path();
    let holder = start_holder(&bank, &lock_path)?; // it holds all three
    holder.kill()?; // SIGKILL: no destructor runs, nothing is unlocked
    let lock_file = LockFile::open(&lock_path)?;
    let tries = [
        timed_try(|| Ok(lock_file.try_lock()?.is_some())),
        timed_try(|| Ok(spin::lock(&bank.spin, patience).is_some())),
        timed_try(|| Ok(futex_lock::lock(&bank.futex, patience).is_some())),
    ];
    let _ = std::fs::remove_file(&lock_path);
    let [file, spin, futex] = tries;
    Ok([file?, spin?, futex?])
}
// ANCHOR_END: dead_holder

/// Starts a `holder` and waits until it says it holds all three locks.
fn start_holder(bank: &SharedValue<Bank>, path: &Path) -> Result<ChildGuard> {
    let path = path.to_str().context("temp dir is not UTF-8")?;
    let mut command = child::command("holder", &[path])?;
    bank.pass_to(&mut command)?.stdout(Stdio::piped());
    let mut holder = ChildGuard::spawn(&mut command)?;
    let stdout = holder.child_mut().stdout.take().context("piped")?;
    let mut said = String::new();
    BufReader::new(stdout).read_line(&mut said)?;
    let expected = "holding all three locks";
    ensure!(said.trim() == expected, "the holder said {said:?}");
    Ok(holder)
}

/// Runs one try for a lock, timing it on the clock and in CPU time.
fn timed_try(try_lock: impl FnOnce() -> Result<bool>) -> Result<Try> {
    let (start, cpu) = (Instant::now(), cpu_time());
    let free = try_lock()?;
    let (waited, cpu) = (start.elapsed(), cpu_time() - cpu);
    Ok(Try { free, waited, cpu })
}
