//! Ten thousand sleeping tasks against ten thousand sleeping threads.
//!
//! Both crowds are measured the same way. Every task or thread, once started,
//! says so and waits at a gate. When all of them wait, memory is read; then
//! the gate opens and each one sleeps, then ends. "Ready" is the time from the
//! first start until all waited at the gate; "done", from the gate opening
//! until the last one had slept and ended: the same two clocks on both sides.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, RwLock, RwLockWriteGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tokio::sync::Notify;
use tokio::task::{JoinSet, yield_now};
use tokio::time::sleep;

/// A number from a `/proc` file such as `/proc/self/status` (`VmRSS`, in kB)
/// or `/proc/meminfo` (`KernelStack`, in kB).
pub fn proc_field(file: &str, name: &str) -> Result<u64> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("reading {file}"))?;
    let line = text
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .with_context(|| format!("no {name} in {file}"))?;
    let number = line.split_whitespace().next().unwrap_or_default();
    number.parse().with_context(|| format!("{name}: {line:?}"))
}

/// The memory figures compared, in kB: this process's resident pages and page
/// tables, and the kernel stacks of the whole machine (every thread has one;
/// no process's figures show it).
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    pub resident: u64,
    pub page_tables: u64,
    pub kernel_stacks: u64,
}

impl Memory {
    pub fn now() -> Result<Self> {
        Ok(Memory {
            resident: proc_field("/proc/self/status", "VmRSS")?,
            page_tables: proc_field("/proc/self/status", "VmPTE")?,
            kernel_stacks: proc_field("/proc/meminfo", "KernelStack")?,
        })
    }

    /// What was added since `before`, in kB. With `threads` false, the kernel
    /// stacks are left at 0: tasks add none, and the machine-wide figure moves
    /// with other programs.
    fn since(self, before: Memory, threads: bool) -> Memory {
        Memory {
            resident: self.resident.saturating_sub(before.resident),
            page_tables: self.page_tables.saturating_sub(before.page_tables),
            kernel_stacks: if threads {
                self.kernel_stacks.saturating_sub(before.kernel_stacks)
            } else {
                0
            },
        }
    }

    /// Everything counted, in kB.
    pub fn total(&self) -> u64 {
        self.resident + self.page_tables + self.kernel_stacks
    }
}

/// What one run measured.
#[derive(Debug)]
pub struct Crowd {
    /// From the first start until every one waited at the gate.
    pub ready: Duration,
    /// From the gate opening until the last one had slept and ended.
    pub done: Duration,
    /// What all of them added, while all waited at the gate.
    pub memory: Memory,
    /// This process's OS threads at that moment.
    pub os_threads: u64,
}

impl Crowd {
    /// Reads memory and threads now, while every one waits at the gate.
    fn waiting(ready: Duration, before: Memory, threads: bool) -> Result<Self> {
        Ok(Crowd {
            ready,
            done: Duration::ZERO,
            memory: Memory::now()?.since(before, threads),
            os_threads: proc_field("/proc/self/status", "Threads")?,
        })
    }

    fn done(self, done: Duration) -> Self {
        Crowd { done, ..self }
    }
}

// ANCHOR: tasks
/// `count` tasks on a one-thread runtime. Each waits at a gate until all
/// wait, then sleeps for `nap`.
pub fn sleeping_tasks(count: usize, nap: Duration) -> Result<Crowd> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let before = Memory::now()?;
        let started = Instant::now();
        let (waiting, gate) =
            (Arc::new(AtomicUsize::new(0)), Arc::new(Notify::new()));
        let mut tasks = JoinSet::new();
        for _ in 0..count {
            let (waiting, gate) = (Arc::clone(&waiting), Arc::clone(&gate));
            tasks.spawn(async move {
                let opened = gate.notified();
                waiting.fetch_add(1, Ordering::Relaxed);
                opened.await;
                sleep(nap).await;
            });
        }
        // Hand the thread to the tasks until every one waits at the gate.
        while waiting.load(Ordering::Relaxed) < count {
            yield_now().await;
        }
        let crowd = Crowd::waiting(started.elapsed(), before, false)?;
        let opened = Instant::now();
        gate.notify_waiters();
        tasks.join_all().await;
        Ok(crowd.done(opened.elapsed()))
    })
}
// ANCHOR_END: tasks

// ANCHOR: threads
/// The same with `count` OS threads; the gate is a lock this thread holds.
pub fn sleeping_threads(count: usize, nap: Duration) -> Result<Crowd> {
    let before = Memory::now()?;
    let started = Instant::now();
    let (waiting, gate) =
        (Arc::new(AtomicUsize::new(0)), Arc::new(RwLock::new(())));
    let closed = gate.write().unwrap();
    let mut threads = Vec::with_capacity(count);
    for _ in 0..count {
        let (waiting, gate) = (Arc::clone(&waiting), Arc::clone(&gate));
        let spawned = thread::Builder::new().spawn(move || {
            waiting.fetch_add(1, Ordering::Relaxed);
            drop(gate.read()); // waits until the gate opens
            thread::sleep(nap);
        });
        match spawned {
            Ok(thread) => threads.push(thread),
            Err(error) => return refused(closed, threads, error),
        }
    }
    while waiting.load(Ordering::Relaxed) < count {
        thread::sleep(Duration::from_millis(1));
    }
    let crowd = Crowd::waiting(started.elapsed(), before, true)?;
    let opened = Instant::now();
    drop(closed); // opens the gate: they all go to sleep
    for thread in threads {
        thread.join().expect("a sleeping thread panicked");
    }
    Ok(crowd.done(opened.elapsed()))
}
// ANCHOR_END: threads

/// The OS refused to start one more thread (a limit on threads or memory):
/// opens the gate, joins the threads it has, and says so.
fn refused(
    closed: RwLockWriteGuard<'_, ()>,
    threads: Vec<JoinHandle<()>>,
    error: std::io::Error,
) -> Result<Crowd> {
    drop(closed);
    let running = threads.len();
    for thread in threads {
        thread.join().expect("a sleeping thread panicked");
    }
    bail!("the OS refused to start more than {running} threads: {error}")
}

/// How many threads this process may still start before it reaches the
/// machine's limit on memory maps (`vm.max_map_count`). Each thread maps a
/// stack with a guard page, and Rust adds a signal stack with a guard page of
/// its own: counted here on one thread started for the purpose.
pub fn threads_the_maps_allow() -> Result<usize> {
    let limit: usize = std::fs::read_to_string("/proc/sys/vm/max_map_count")?
        .trim()
        .parse()?;
    let maps = || -> Result<usize> {
        Ok(std::fs::read_to_string("/proc/self/maps")?.lines().count())
    };
    let before = maps()?;
    let (started, stop) =
        (Arc::new(Barrier::new(2)), Arc::new(Barrier::new(2)));
    let (s, t) = (Arc::clone(&started), Arc::clone(&stop));
    let one = thread::spawn(move || {
        s.wait();
        t.wait();
    });
    started.wait();
    let with_one = maps();
    stop.wait();
    one.join().expect("the measuring thread panicked");
    // At least the stack and its guard page, whatever merged.
    let each = with_one?.saturating_sub(before).max(2);
    // Room for the maps the runtime and the allocator add meanwhile.
    Ok(limit.saturating_sub(before + 1000) / each)
}
