//! The few helpers every lesson shares, kept in one place so no lesson copies them:
//!
//! - [`cli`]: the runner behind every lesson's `main.rs` (parts, options, `--help`, `--list`);
//! - [`timing`]: measuring how long something took and printing durations;
//! - [`millis`]: durations printed always in ms, so recorded output keeps its unit;
//! - [`table`]: printing a small table of results with aligned columns;
//! - [`child`]: starting this same program again as a child process, and never leaking it;
//! - [`testing`]: what the lessons' tests need to run a lesson and compare its output with the book.

pub mod child;
pub mod cli;
pub mod millis;
pub mod table;
pub mod testing;
pub mod timing;

pub use cli::{Args, Lesson};
pub use table::Table;
pub use timing::{Secs, timed};
