//! Exercise 3: `map` for the hand-made pool.
//!
//! Run `work` on every item on `pool` (the lesson's hand-made pool), one job per
//! item, and return the results in the order of `items`, whatever order the
//! jobs finish in. Every call of `work` must run on one of the pool's threads.
//!
//! Check your answer with `cargo exercises 08`.

use crate::handmade::Pool;

pub fn pool_map(pool: &Pool, items: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: make a channel for the results; each job sends `(index, work(item))`.
    // TODO: `pool.execute` one job per item (each job needs its own sender).
    // TODO: drop your own sender, receive one result per item, and put each
    // at its index.
    todo!("map `work` over `items` on the hand-made pool, keeping the order")
}
