//! What a waiting thread, task and process cost in memory, measured by making
//! many of them wait and reading what Linux reports in `/proc`.
//!
//! - *resident* (RSS): pages in RAM; for a process this counts the pages it
//!   shares with others (the program's code, libc) in full.
//! - *private*: pages only it uses: for a process, `Private_Clean +
//!   Private_Dirty` in `/proc/PID/smaps_rollup`, what ending it gives back; for
//!   a thread or a task, all it added to this process's resident pages.
//! - *virtual*: address space reserved (VmSize), mostly never touched: a
//!   thread's stack is reserved whole, and filled a page at a time.
//! - *page tables* (VmPTE): the kernel's map of those pages, kernel memory.
//! - *kernel stack*: every thread (and so every process) has one in the
//!   kernel, 16 kB on x86-64; it shows in no process's figures, only in
//!   `/proc/meminfo`'s `KernelStack` for the whole machine, which other
//!   programs change too.
//!
//! Left out everywhere: the kernel's own record of each thread (`task_struct`,
//! a few kB, in its slab caches).

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, RwLock};
use std::thread;

use anyhow::{Context, Result, bail, ensure};
use course_kit::child::{self, ChildGuard};

/// The role of an idle child process: say it is ready, then wait for stdin to
/// close.
pub const IDLE_ROLE: &str = "idle";

/// A field of `/proc/PID/status`, `/proc/PID/smaps_rollup` or `/proc/meminfo`,
/// in kB.
pub fn field(file: &str, name: &str) -> Result<u64> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("reading {file}"))?;
    for line in text.lines() {
        if let Some(rest) =
            line.strip_prefix(name).and_then(|r| r.strip_prefix(':'))
        {
            let kb = rest.trim().trim_end_matches("kB").trim();
            return kb
                .parse()
                .with_context(|| format!("{name} in {file}: {rest:?}"));
        }
    }
    bail!("no {name} in {file}")
}

/// What one thread, task or process added, in bytes each (`None`: not measured
/// for this kind).
#[derive(Debug, Clone, Copy, Default)]
pub struct Cost {
    pub count: usize,
    pub resident: f64,
    pub private: f64,
    pub virtual_size: f64,
    pub page_tables: f64,
    pub kernel_stack: Option<f64>,
}

/// The figures of this process (or of `/proc/PID`) that the costs compare.
#[derive(Debug, Clone, Copy)]
struct Sample {
    resident: u64,
    virtual_size: u64,
    page_tables: u64,
    kernel_stack: u64,
}

fn sample() -> Result<Sample> {
    Ok(Sample {
        resident: field("/proc/self/status", "VmRSS")?,
        virtual_size: field("/proc/self/status", "VmSize")?,
        page_tables: field("/proc/self/status", "VmPTE")?,
        kernel_stack: field("/proc/meminfo", "KernelStack")?,
    })
}

impl Cost {
    /// What each of `count` threads or tasks added to this process, from two
    /// samples; with `kernel_stacks`, the machine's kernel stacks too.
    fn added(
        before: Sample,
        after: Sample,
        count: usize,
        kernel_stacks: bool,
    ) -> Self {
        let resident = each(before.resident, after.resident, count);
        let stacks = each(before.kernel_stack, after.kernel_stack, count);
        Cost {
            count,
            resident,
            private: resident, // all of it is this process's own
            virtual_size: each(before.virtual_size, after.virtual_size, count),
            page_tables: each(before.page_tables, after.page_tables, count),
            kernel_stack: kernel_stacks.then_some(stacks),
        }
    }
}

/// Bytes each of `count` things added, from two figures in kB.
fn each(before: u64, after: u64, count: usize) -> f64 {
    after.saturating_sub(before) as f64 * 1024.0 / count as f64
}

// ANCHOR: threads
/// `count` threads, all started and blocked at once; what each added.
pub fn per_thread(count: usize) -> Result<Cost> {
    let started = Arc::new(Barrier::new(count + 1));
    let gate = Arc::new(RwLock::new(()));
    let closed = gate.write().expect("nobody else has it yet");
    let before = sample()?;
    let threads: Vec<_> = (0..count)
        .map(|_| {
            let (started, gate) = (Arc::clone(&started), Arc::clone(&gate));
            thread::spawn(move || {
                started.wait();
                drop(gate.read()); // blocks until the gate opens
            })
        })
        .collect();
    started.wait(); // every thread is running, and now waits at the gate
    let after = sample()?;
    drop(closed);
    for thread in threads {
        thread.join().expect("a waiting thread panicked");
    }
    Ok(Cost::added(before, after, count, true))
}
// ANCHOR_END: threads

/// `count` tokio tasks on one thread, all started and waiting; what each added.
pub fn per_task(count: usize) -> Result<Cost> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let before = sample()?;
    let after = runtime.block_on(async {
        let waiting = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(tokio::sync::Notify::new());
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..count {
            let (waiting, gate) = (Arc::clone(&waiting), Arc::clone(&gate));
            tasks.spawn(async move {
                let opened = gate.notified();
                waiting.fetch_add(1, Ordering::Relaxed);
                opened.await;
            });
        }
        // Give the thread to the tasks until every one has reached its wait.
        while waiting.load(Ordering::Relaxed) < count {
            tokio::task::yield_now().await;
        }
        let after = sample();
        gate.notify_waiters();
        tasks.join_all().await;
        after
    })?;
    Ok(Cost::added(before, after, count, false))
}

/// `count` child processes of this program, each started and waiting; what
/// each one holds, read from its own `/proc/PID`, on average.
pub fn per_process(count: usize) -> Result<Cost> {
    let kernel_stack_before = field("/proc/meminfo", "KernelStack")?;
    let mut children = Vec::new();
    for _ in 0..count {
        let mut command = child::command(IDLE_ROLE, &[])?;
        command.stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut child = ChildGuard::spawn(&mut command)?;
        let stdout = child.child_mut().stdout.take().context("no stdout")?;
        let mut ready = String::new();
        BufReader::new(stdout).read_line(&mut ready)?;
        ensure!(ready.trim() == "ready", "an idle child said {ready:?}");
        children.push(child);
    }
    let kernel_stack_after = field("/proc/meminfo", "KernelStack")?;
    let mut total = Cost::default();
    for child in &children {
        let status = format!("/proc/{}/status", child.id());
        let rollup = format!("/proc/{}/smaps_rollup", child.id());
        let private =
            field(&rollup, "Private_Clean")? + field(&rollup, "Private_Dirty")?;
        total.resident += field(&rollup, "Rss")? as f64 * 1024.0;
        total.private += private as f64 * 1024.0;
        total.virtual_size += field(&status, "VmSize")? as f64 * 1024.0;
        total.page_tables += field(&status, "VmPTE")? as f64 * 1024.0;
    }
    for mut child in children {
        drop(child.child_mut().stdin.take()); // its stdin ends: it exits
        child::ended_well(child.wait()?, "an idle child")?;
    }
    let n = count as f64;
    Ok(Cost {
        count,
        resident: total.resident / n,
        private: total.private / n,
        virtual_size: total.virtual_size / n,
        page_tables: total.page_tables / n,
        kernel_stack: Some(each(
            kernel_stack_before,
            kernel_stack_after,
            count,
        )),
    })
}

/// The idle child's side.
pub fn idle_role(_: &[String]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "ready")?;
    stdout.flush()?;
    std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_in_kb() {
        assert!(field("/proc/self/status", "VmRSS").unwrap() > 0);
        assert!(field("/proc/meminfo", "KernelStack").unwrap() > 0);
        assert!(field("/proc/self/status", "NoSuchField").is_err());
    }
}
