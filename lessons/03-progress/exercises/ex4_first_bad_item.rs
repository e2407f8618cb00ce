//! Exercise 4 (stretch, optional): one bad item stops everyone.
//!
//! Check every batch at the same time, each batch on its own thread, one item
//! after the other: `check` takes a while and says whether an item is good.
//! As soon as any worker finds a bad item, every worker stops before its next
//! item. Return the bad item that was found first (`None` if every item is
//! good) and how many items were checked in all, the bad one included.
//!
//! Check your answer with `cargo exercises 03`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The first bad item found, if any.
    pub bad: Option<u32>,
    /// How many items were checked, in all the batches together.
    pub checked: usize,
}

pub fn check_all(batches: &[Vec<u32>], check: fn(u32) -> bool) -> Verdict {
    // TODO: check the batches side by side, all stopping at the first bad item.
    todo!("check every batch, stopping everyone at the first bad item")
}
