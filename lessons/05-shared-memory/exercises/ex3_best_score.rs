//! Exercise 3: a shared high score.
//!
//! Workers in several processes report scores into one shared `AtomicI64` that
//! holds the best so far. `report` puts `score` there if it beats the best, in one
//! atomic step (no lost record, even when two workers report at once), and returns
//! true if this score is the new record.
//!
//! Check your answer with `cargo exercises 05`.

use std::sync::atomic::{AtomicI64, Ordering};

pub fn report(best: &AtomicI64, score: i64) -> bool {
    // TODO: one atomic read-modify-write keeps the larger of the two; it also gives
    // back the value from before, which tells you whether `score` was a record.
    todo!("keep the best score")
}
