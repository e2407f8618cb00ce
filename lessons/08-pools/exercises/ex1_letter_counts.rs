//! Exercise 1: map-reduce with rayon.
//!
//! Count how often each letter (`char::is_alphabetic`) appears in `lines`,
//! ignoring case (count 'A' as 'a'). Do it in parallel with rayon: each
//! thread folds its lines into counts of its own, then the partial counts
//! are merged. The answer must equal a plain one-thread count.
//!
//! Check your answer with `cargo exercises 08`.

use std::collections::HashMap;

use rayon::prelude::*;

pub fn letter_counts(lines: &[String]) -> HashMap<char, usize> {
    // TODO: map: `lines.par_iter().fold(HashMap::new, |counts, line| ...)`
    // adds the letters of one line to a thread's own counts.
    // TODO: reduce: `.reduce(HashMap::new, |total, part| ...)` merges two maps.
    todo!("count letters with fold and reduce")
}
