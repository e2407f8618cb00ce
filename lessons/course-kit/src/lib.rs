//! The course's shared crate: code that several chapters teach and use, and the
//! runner every lesson's `main.rs` is built on. Each module serves one of the
//! two.
//!
//! Taught in the chapters, and open to read:
//!
//! - [`child`]: starting this same program again as a child process, and never
//!   leaking it (chapters 04 to 10);
//! - [`shm`]: values and arrays of atomics in memory shared between processes
//!   (chapters 05 and 07);
//! - [`panics`]: the text of a panic that `join` caught (chapters 01 and 02);
//! - [`python`]: running a lesson's Python script beside its Rust, in the same
//!   run (chapters 01 and 10).
//!
//! How a lesson runs and reports (not a topic of the course):
//!
//! - [`cli`]: the runner behind every lesson's `main.rs` (parts, options,
//!   `--help`, `--list`, and how each part's recorded run may vary);
//! - [`timing`]: measuring how long something took and printing durations;
//! - [`table`]: printing a small table of results with aligned columns;
//! - [`timeline`]: recording `tracing` spans and drawing them: text, SVG,
//!   Chrome trace.
//!
//! What the tests need lives apart, in the dev-dependency `course-test`, so no
//! lesson binary compiles it.

pub mod child;
pub mod cli;
pub mod panics;
pub mod python;
// memfd, /dev/shm and /proc: Linux only (lessons 05 and 07 need it; the others
// do not).
#[cfg(target_os = "linux")]
pub mod shm;
pub mod table;
pub mod timeline;
pub mod timing;

pub use cli::{Args, Lesson};
pub use table::Table;
pub use timing::{Secs, timed};
