//! Exercise 3: an increment that cannot be lost, by hand.
//!
//! `add_one` adds 1 to `counter`, which other processes change at the same
//! time, and never loses an increment, its own or theirs. It returns how
//! many times it had to try again because another process changed the
//! counter first (0 when nobody got in the way): `fetch_add` cannot tell you
//! that.
//!
//! Check your answer with `cargo exercises 05`.

use std::sync::atomic::{AtomicI64, Ordering};

pub fn add_one(counter: &AtomicI64) -> u64 {
    // TODO: add 1, and count the times another process got in first.
    todo!("an increment that notices when it must try again")
}
