//! Exercise 3: an increment that cannot be lost, by hand.
//!
//! `add_one` adds 1 to `counter`, which other processes change at the same
//! time, and never loses an increment, its own or theirs. It returns how
//! many times it had to try again because another process changed the
//! counter first (0 when nobody got in the way): `fetch_add` cannot tell
//! you that.
//!
//! A `Counter` has the methods of `AtomicI64`. The tests pass an `AtomicI64`
//! in shared memory, and a stand-in that lets another writer in right after
//! each of your reads, the worst moment, a few times over.
//!
//! Check your answer with `cargo exercises 05`.

use std::sync::atomic::Ordering;

use crate::counter::Counter;

pub fn add_one(counter: &impl Counter) -> u64 {
    // TODO: add 1, and count the times another process got in first.
    todo!("an increment that notices when it must try again")
}
