//! Exercise 1: letter counts, in parallel (reference solution).

use std::collections::HashMap;

use rayon::prelude::*;

/// `lines` holds anything that can be read as text: `String`, `&str`, ...
pub fn letter_counts<L>(lines: &[L]) -> HashMap<char, usize>
where
    L: AsRef<str> + Sync,
{
    lines
        .par_iter()
        // Map: each piece rayon splits off counts into a map of its own (the
        // first closure runs once per piece), so no lock is needed.
        .fold(HashMap::new, |mut counts, line| {
            for letter in line.as_ref().chars().filter(|c| c.is_alphabetic()) {
                // `to_lowercase` can give several chars (e.g. 'İ'); count each
                // one.
                for lower in letter.to_lowercase() {
                    *counts.entry(lower).or_insert(0) += 1;
                }
            }
            counts
        })
        // Reduce: merge the per-piece maps, two at a time. Add the counts:
        // `extend` would replace one part's count with the other's.
        .reduce(HashMap::new, |mut total, part| {
            for (letter, n) in part {
                *total.entry(letter).or_insert(0) += n;
            }
            total
        })
}
