//! Exercise 1: map-reduce with rayon.
//!
//! Count how often each letter (`char::is_alphabetic`) appears in `lines`,
//! ignoring case (count 'A' as 'a'). Do it in parallel with rayon: each
//! thread folds its lines into counts of its own, then the partial counts
//! are merged. The answer must equal a plain one-thread count. (The tests
//! check the counts only: a plain loop would pass them, but teach nothing.)
//!
//! Check your answer with `cargo exercises 08`.

use std::collections::HashMap;

use rayon::prelude::*;

pub fn letter_counts(lines: &[String]) -> HashMap<char, usize> {
    // TODO: map: a parallel iterator over `lines`, folded into counts that
    // belong to one thread each.
    // TODO: reduce: merge those partial counts into one map.
    todo!("count letters with fold and reduce")
}
