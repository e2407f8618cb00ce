//! Exercise 1: a reporter thread.
//!
//! The chapter's `watch` ran the work on a thread and watched it from the
//! caller. Here the roles are swapped: `work` runs on the calling thread (as a
//! GUI's event loop must), and a reporter thread shows its progress. Lend
//! `work` a progress counter. While the work runs, the reporter calls `report`
//! with the counter's value about every `every`; once the work is done, it
//! calls `report` one last time, with the final count, and stops. Return what
//! `work` returned.
//!
//! Check your answer with `cargo exercises 03`.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

pub fn run_with_reporter<W, R>(work: W, every: Duration, report: R) -> u64
where
    W: FnOnce(&AtomicU32) -> u64,
    R: FnMut(u32) + Send,
{
    // TODO: run `work` here, and report its progress from another thread.
    todo!("run `work` on this thread while another one reports")
}
