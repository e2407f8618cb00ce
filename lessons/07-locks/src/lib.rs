//! Lesson 07: locks. The teaching code; `main.rs` narrates it and the book includes it.

pub mod bank;
pub mod condvar;
pub mod deadlock;
pub mod file_lock;
pub mod poison;
pub mod printing;
pub mod rwlock;
pub mod shared_bank;
pub mod spin;
