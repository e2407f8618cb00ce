//! Map-reduce: count the words of many lines in parallel, then merge the
//! counts.

use std::collections::HashMap;

use rayon::prelude::*;

/// Words to build the sample text from.
const WORDS: [&str; 12] = [
    "thread", "process", "pool", "queue", "lock", "task", "core", "pipe",
    "join", "spawn", "wait", "send",
];

/// `lines` lines of `words_per_line` words, the same every run (a small
/// pseudo-random generator picks the words, so no file or crate is needed).
pub fn sample_text(lines: usize, words_per_line: usize) -> Vec<String> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..lines)
        .map(|_| {
            let words: Vec<&str> = (0..words_per_line)
                .map(|_| {
                    // xorshift64: cheap, and good enough to pick words.
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    WORDS[(state % WORDS.len() as u64) as usize]
                })
                .collect();
            words.join(" ")
        })
        .collect()
}

// ANCHOR: reduce
pub type Counts = HashMap<String, usize>;

/// Adds the words of one line to `counts`.
fn count_line(mut counts: Counts, line: &str) -> Counts {
    for word in line.split_whitespace() {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    counts
}

/// Map: rayon splits the lines into pieces, and `fold` counts each piece into
/// a map of its own (one per piece, not per thread), so nothing waits for a
/// lock. Reduce: rayon merges those partial counts in pairs.
pub fn count_words_parallel(lines: &[String]) -> Counts {
    lines
        .par_iter()
        .fold(Counts::new, |counts, line| count_line(counts, line))
        .reduce(Counts::new, |mut total, part| {
            for (word, n) in part {
                *total.entry(word).or_insert(0) += n;
            }
            total
        })
}

/// The same count on one thread, to compare with.
pub fn count_words_sequential(lines: &[String]) -> Counts {
    lines
        .iter()
        .fold(Counts::new(), |counts, line| count_line(counts, line))
}
// ANCHOR_END: reduce

/// The counts from most to least frequent (ties in alphabetical order).
pub fn ranked(counts: &Counts) -> Vec<(&str, usize)> {
    let mut ranked: Vec<(&str, usize)> =
        counts.iter().map(|(w, n)| (w.as_str(), *n)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
}
