//! Exercise 3: `map` for the hand-made pool.
//!
//! Run `work` on every item on `pool` (the lesson's hand-made pool), one job per
//! item, and return the results in the order of `items`, whatever order the
//! jobs finish in. Every call of `work` must run on one of the pool's threads.
//!
//! Check your answer with `cargo exercises 08`.

use crate::handmade::Pool;

pub fn pool_map(pool: &Pool, items: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: give every job a way to send its answer back to this thread.
    // TODO: start one job per item on `pool`.
    // TODO: collect the answers, each in its place.
    todo!("map `work` over `items` on the hand-made pool, keeping the order")
}
