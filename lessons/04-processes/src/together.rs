//! Several children at the same time, and the system's list of processes.

use std::time::Duration;

use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard};
use tracing::{Span, info_span};

// ANCHOR: many
/// A child, and a span on its lane that lasts until the parent waited for it.
pub type Sleeper = (ChildGuard, Span);

/// Starts a child that sleeps for `sleep`; its lane is `child n`.
pub fn start_sleeper(n: usize, sleep: Duration) -> Result<Sleeper> {
    let span = info_span!("sleeper", lane = format!("child {n}"));
    let millis = sleep.as_millis().to_string();
    Ok((
        ChildGuard::spawn(&mut child::command("sleeper", &[&millis])?)?,
        span,
    ))
}

/// Starts `count` children, all before waiting for any: they run at once.
pub fn start_sleepers(count: usize, sleep: Duration) -> Result<Vec<Sleeper>> {
    (1..=count).map(|n| start_sleeper(n, sleep)).collect()
}

pub fn wait_for_all(children: Vec<Sleeper>) -> Result<()> {
    for (child, _span) in children {
        let pid = child.id();
        child::ended_well(child.wait()?, &format!("child {pid}"))?;
    } // each child's span ends here, once it has been waited for
    Ok(())
}
// ANCHOR_END: many

// ANCHOR: one_by_one
/// The mistake of waiting inside the starting loop: one child at a time.
pub fn one_by_one(count: usize, sleep: Duration) -> Result<()> {
    for n in 1..=count {
        wait_for_all(vec![start_sleeper(n, sleep)?])?;
    }
    Ok(())
}

/// The child's side: sleep, standing in for real work.
pub fn sleeper(args: &[String]) -> Result<()> {
    let millis: u64 = child::role_arg(args, 0, "milliseconds to sleep")?;
    std::thread::sleep(Duration::from_millis(millis));
    Ok(())
}
// ANCHOR_END: one_by_one

// ANCHOR: proc_list
/// One entry of the system's process list, read from `/proc/PID/stat`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessInfo {
    pub pid: u32,
    pub name: String,
    /// `R` running, `S` sleeping, `Z` zombie (exited, not yet waited for), ...
    pub state: char,
    pub parent: u32,
}

/// Reads `/proc/PID/stat`: `pid (name) state ppid ...`. The name may hold
/// spaces and parentheses, so it is everything up to the *last* `)`.
pub fn process_info(pid: u32) -> Option<ProcessInfo> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, tail) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_string();
    let mut fields = tail.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some(ProcessInfo {
        pid,
        name,
        state,
        parent,
    })
}
// ANCHOR_END: proc_list

// ANCHOR: proc_children
/// Every process whose parent is `parent`, like `ps --ppid` (or psutil in
/// Python).
pub fn children_of(parent: u32) -> Result<Vec<ProcessInfo>> {
    let mut children = Vec::new();
    for entry in std::fs::read_dir("/proc").context("cannot read /proc")? {
        let name = entry?.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.parse().ok()) else {
            continue; // not a process: /proc/cpuinfo and friends
        };
        // A process may end between read_dir and reading its stat: skip it.
        if let Some(info) = process_info(pid).filter(|i| i.parent == parent) {
            children.push(info);
        }
    }
    children.sort_by_key(|c| c.pid);
    Ok(children)
}
// ANCHOR_END: proc_children
