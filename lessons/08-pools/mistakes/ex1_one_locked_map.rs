//! WRONG: every thread locks one shared map for a whole line, reading included:
//! the threads take turns.

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;

pub fn letter_counts<L>(lines: &[L]) -> HashMap<char, usize>
where
    L: AsRef<str> + Sync,
{
    let counts = Mutex::new(HashMap::new());
    lines.par_iter().for_each(|line| {
        let mut counts = counts.lock().unwrap();
        for letter in line.as_ref().chars().filter(|c| c.is_alphabetic()) {
            for lower in letter.to_lowercase() {
                *counts.entry(lower).or_insert(0) += 1;
            }
        }
    });
    counts.into_inner().unwrap()
}
