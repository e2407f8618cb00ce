//! Lesson 04: processes. The teaching code; `main.rs` narrates it and the book includes it.

pub mod memory;
pub mod reaping;
pub mod results;
pub mod start;
pub mod stopping;
pub mod together;
