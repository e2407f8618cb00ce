//! Exercise 1: results in order.
//!
//! Run `work` on every input at the same time, each input on its own thread
//! (`thread::spawn`), and return the results in the order of `inputs`, even
//! when a later input finishes first.
//!
//! Check your answer with `cargo exercises 02`.

use std::thread;

pub fn map_on_threads<T, R, F>(inputs: Vec<T>, work: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    // TODO: spawn one thread per input; each one needs its own copy of `work`.
    // TODO: only when every thread has started, join the handles in input
    // order and collect what each thread returned.
    todo!("run `work` on every input on its own thread")
}
