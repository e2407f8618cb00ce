//! Exercise 3: `map` for the hand-made pool.
//!
//! Run `work` on every item on `pool` (the lesson's hand-made pool) and
//! return the results in the order of `items`, whatever order they are
//! computed in. Every call of `work` runs on one of the pool's threads, and
//! the workers share the items: on a pool of four, four calls of `work` run
//! at the same moment.
//!
//! Check your answer with `cargo exercises 08`.

use crate::handmade::Pool;

pub fn pool_map<W>(pool: &Pool, items: Vec<u64>, work: W) -> Vec<u64>
where
    W: Fn(u64) -> u64 + Copy + Send + 'static,
{
    // TODO: run `work` on every item on `pool`; answers in the items' order.
    todo!("map `work` over `items` on the hand-made pool, keeping the order")
}
