//! Exercise 2: fill a shared list safely.
//!
//! `workers` threads each push `per_worker` numbers into ONE list: worker `w`
//! (counting from 0) pushes `w * per_worker + i` for `i` in `0..per_worker`.
//! When all have finished, return the list sorted, so the answer is
//! `0, 1, 2, ..., workers * per_worker - 1`.
//!
//! A plain `Vec` captured by every thread will not compile (try it and read
//! the error). Use `thread::spawn`, not scoped threads, for this one.
//!
//! Check your answer with `cargo exercises 01`.

use std::sync::{Arc, Mutex};
use std::thread;

pub fn fill_shared_list(workers: usize, per_worker: usize) -> Vec<usize> {
    // TODO: make one list that every thread can reach and change safely.
    // TODO: spawn `workers` threads, each pushing its own numbers.
    // TODO: join them all, then take the list out, sort it and return it.
    todo!("fill one list from many threads")
}
