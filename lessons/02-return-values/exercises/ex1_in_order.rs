//! Exercise 1: results in order.
//!
//! Run `work` on every input at the same time, each input on its own thread,
//! and return the results in the order of `inputs`, even when a later input
//! finishes first.
//!
//! Check your answer with `cargo exercises 02`.

use std::thread;

pub fn map_on_threads<T, R, F>(inputs: Vec<T>, work: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    // TODO: every input's result, each computed on a thread of its own.
    todo!("run `work` on every input on its own thread")
}
