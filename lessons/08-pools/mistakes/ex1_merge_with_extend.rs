//! WRONG: merges the partial counts with `extend`, so one part's count of a
//! letter replaces another's.

use std::collections::HashMap;

use rayon::prelude::*;

/// `lines` holds anything that can be read as text: `String`, `&str`, ...
pub fn letter_counts<L>(lines: &[L]) -> HashMap<char, usize>
where
    L: AsRef<str> + Sync,
{
    lines
        .par_iter()
        // Map: every thread counts into a map of its own, so no lock is needed.
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
        // Reduce: merge the per-thread maps, two at a time. Add the counts:
        // `extend` would replace one part's count with the other's.
        .reduce(HashMap::new, |mut total, part| {
            total.extend(part);
            total
        })
}
