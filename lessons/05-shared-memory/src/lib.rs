//! Lesson 05: shared memory between processes. The teaching code; `main.rs`
//! narrates it and the book includes it. The shared memory itself is
//! `course_kit::shm`, which lesson 07 uses too.

pub mod basics;
pub mod counting;
pub mod lifecycle;
pub mod progress;
