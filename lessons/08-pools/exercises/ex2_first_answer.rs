//! Exercise 2: the first answer wins.
//!
//! The same question goes to several replicas of a service; any answer will
//! do, and the fastest is wanted. Start every replica at once, each on a
//! thread of its own, and return the first answer that arrives. A replica
//! that fails returns `None`: keep waiting for the others. Give up and return
//! `None` as soon as every replica has failed, or when `deadline` has passed
//! since the call, whichever comes first. Never wait for the replicas that
//! are still working: they finish in the background, unheard.
//!
//! Check your answer with `cargo exercises 08`.

use std::time::Duration;

pub fn first_answer<T, F>(replicas: Vec<F>, deadline: Duration) -> Option<T>
where
    T: Send + 'static,
    F: FnOnce() -> Option<T> + Send + 'static,
{
    // TODO: ask every replica; return the first answer, or give up in time.
    todo!("the first answer from any replica, within the deadline")
}
