//! The few helpers every lesson shares, kept in one place so no lesson copies them:
//!
//! - [`cli`]: the runner behind every lesson's `main.rs` (parts, options, `--help`, `--list`);
//! - [`timing`]: measuring how long something took and printing durations;
//! - [`millis`]: durations printed always in ms, for durations compared side by side;
//! - [`table`]: printing a small table of results with aligned columns;
//! - [`child`]: starting this same program again as a child process, and never leaking it;
//! - [`deadline`]: limits on waits, so no test or child process can hang for ever;
//! - [`frame`]: whole messages over a pipe or a socket (a length, then the bytes);
//! - [`shm`]: values and arrays of atomics in memory shared between processes;
//! - [`panics`]: the text of a panic that `join` caught;
//! - [`status`]: a status line that redraws in place on a terminal and prints lines otherwise;
//! - [`testing`]: what the lessons' tests need to run a lesson and compare its output with the book.

pub mod child;
pub mod cli;
pub mod deadline;
pub mod frame;
pub mod millis;
pub mod panics;
// memfd, /dev/shm and /proc: Linux only (lessons 05 and 07 need it; the others do not).
#[cfg(target_os = "linux")]
pub mod shm;
pub mod status;
pub mod table;
pub mod testing;
pub mod timing;

pub use cli::{Args, Lesson};
pub use table::Table;
pub use timing::{Secs, timed};
