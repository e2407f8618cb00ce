//! Exercise 2: an increment that cannot be lost, by hand.
//!
//! `add_by_load_and_store` in lesson 05 loses increments: another process may write
//! between its load and its store. Write `add_one` so that it never loses one,
//! WITHOUT `fetch_add`: read the value, then store value + 1 only if the counter
//! still holds what you read (`compare_exchange`); if it does not, try again.
//! Return how many times it had to try again (0 when nobody got in the way).
//!
//! Check your answer with `cargo exercises 05`.

use std::sync::atomic::{AtomicI64, Ordering};

pub fn add_one(counter: &AtomicI64) -> u64 {
    // TODO: read the current value once.
    // TODO: try to write one more with `compare_exchange`; each time it fails, count a
    // retry and try again.
    todo!("increment with a compare_exchange loop")
}
