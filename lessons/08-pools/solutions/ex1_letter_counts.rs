//! Exercise 1: map-reduce with rayon (reference solution).

use std::collections::HashMap;

use rayon::prelude::*;

pub fn letter_counts(lines: &[String]) -> HashMap<char, usize> {
    lines
        .par_iter()
        // Map: every thread counts into a map of its own, so no lock is needed.
        .fold(HashMap::new, |mut counts, line| {
            for letter in line.chars().filter(|c| c.is_alphabetic()) {
                // `to_lowercase` can give several chars (e.g. 'İ'); count each one.
                for lower in letter.to_lowercase() {
                    *counts.entry(lower).or_insert(0) += 1;
                }
            }
            counts
        })
        // Reduce: merge the per-thread maps, two at a time.
        .reduce(HashMap::new, |mut total, part| {
            for (letter, n) in part {
                *total.entry(letter).or_insert(0) += n;
            }
            total
        })
}
