//! WRONG: right counts, but a plain loop on one thread: nothing runs in
//! parallel.

use std::collections::HashMap;

pub fn letter_counts<L>(lines: &[L]) -> HashMap<char, usize>
where
    L: AsRef<str> + Sync,
{
    let mut counts = HashMap::new();
    for line in lines {
        for letter in line.as_ref().chars().filter(|c| c.is_alphabetic()) {
            for lower in letter.to_lowercase() {
                *counts.entry(lower).or_insert(0) += 1;
            }
        }
    }
    counts
}
