//! Exercise 4 (stretch, optional): the first success.
//!
//! Ask several sources for the same thing (mirrors of a download, replicas of
//! a database) and take the first good answer. Run every attempt on its own
//! thread. Return the value of the first attempt to succeed, as soon as it
//! does: the slower ones finish on their own, unwatched. If every attempt
//! fails, return all their errors in input order, once all have ended; an
//! attempt that panics fails with the error "panicked".
//!
//! Check your answer with `cargo exercises 02`.

use std::sync::mpsc;
use std::thread;

/// One attempt: a closure that may succeed or fail, on any thread.
pub type Attempt<T> = Box<dyn FnOnce() -> Result<T, String> + Send>;

pub fn first_success<T>(attempts: Vec<Attempt<T>>) -> Result<T, Vec<String>>
where
    T: Send + 'static,
{
    // TODO: the first value to arrive, or every error in input order.
    todo!("return the first success, or every failure")
}
