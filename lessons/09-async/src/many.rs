//! Ten thousand sleeping tasks against ten thousand sleeping threads.

use std::sync::{Arc, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// A number from this process's `/proc/self/status`, such as `VmRSS` (resident
/// memory, in kB) or `Threads`.
pub fn status_field(name: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .with_context(|| format!("no {name} in /proc/self/status"))?;
    let number = line.split_whitespace().next().unwrap_or_default();
    number.parse().with_context(|| format!("{name}: {line:?}"))
}

/// What one run measured.
#[derive(Debug)]
pub struct Crowd {
    /// How long starting them all took.
    pub start: Duration,
    /// From the first start until the last one finished.
    pub total: Duration,
    /// Resident memory added while they all waited, in kB.
    pub memory_kb: u64,
    /// This process's OS threads at that moment.
    pub os_threads: u64,
}

// ANCHOR: tasks
/// `count` tasks on a one-thread runtime, each asleep for `sleep`.
pub fn sleeping_tasks(count: usize, sleep: Duration) -> Result<Crowd> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let memory_before = status_field("VmRSS")?;
        let started = Instant::now();
        let mut tasks = Vec::with_capacity(count);
        for _ in 0..count {
            tasks.push(tokio::spawn(tokio::time::sleep(sleep)));
        }
        // Let every task run up to its first `.await`: all are asleep after
        // this.
        tokio::task::yield_now().await;
        let start = started.elapsed();
        let memory_kb = status_field("VmRSS")?.saturating_sub(memory_before);
        let os_threads = status_field("Threads")?;
        for task in tasks {
            task.await?;
        }
        Ok(Crowd {
            start,
            total: started.elapsed(),
            memory_kb,
            os_threads,
        })
    })
}
// ANCHOR_END: tasks

// ANCHOR: threads
/// The same with `count` OS threads. They wait at a gate, a lock this thread
/// holds, until memory is measured: starting 10,000 threads may take longer
/// than their sleep.
pub fn sleeping_threads(count: usize, sleep: Duration) -> Result<Crowd> {
    let memory_before = status_field("VmRSS")?;
    let started = Instant::now();
    let gate = Arc::new(RwLock::new(()));
    let closed = gate.write().unwrap();
    let mut threads = Vec::with_capacity(count);
    let mut refused = None;
    for _ in 0..count {
        let gate = Arc::clone(&gate);
        let spawned = thread::Builder::new().spawn(move || {
            drop(gate.read()); // waits until the gate opens
            thread::sleep(sleep);
        });
        match spawned {
            Ok(handle) => threads.push(handle),
            // The OS may refuse (a limit on threads or memory): stop starting
            // more.
            Err(error) => {
                refused = Some(error);
                break;
            }
        }
    }
    let start = started.elapsed();
    let memory_kb = status_field("VmRSS")?.saturating_sub(memory_before);
    let os_threads = status_field("Threads")?;
    drop(closed); // opens the gate: they all go to sleep
    let running = threads.len();
    for handle in threads {
        handle.join().expect("a sleeping thread panicked");
    }
    if let Some(error) = refused {
        bail!("the OS refused to start more than {running} threads: {error}");
    }
    Ok(Crowd {
        start,
        total: started.elapsed(),
        memory_kb,
        os_threads,
    })
}
// ANCHOR_END: threads
