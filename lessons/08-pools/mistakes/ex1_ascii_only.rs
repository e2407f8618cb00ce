//! WRONG: counts only ASCII letters and lowercases only ASCII: 'É' is skipped,
//! 'Ж' too.

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
            for letter in
                line.as_ref().chars().filter(|c| c.is_ascii_alphabetic())
            {
                *counts.entry(letter.to_ascii_lowercase()).or_insert(0) += 1;
            }
            counts
        })
        // Reduce: merge the per-thread maps, two at a time. Add the counts:
        // `extend` would replace one part's count with the other's.
        .reduce(HashMap::new, |mut total, part| {
            for (letter, n) in part {
                *total.entry(letter).or_insert(0) += n;
            }
            total
        })
}
