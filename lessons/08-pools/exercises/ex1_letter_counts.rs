//! Exercise 1: letter counts, in parallel.
//!
//! Count how often each letter appears in `lines`, ignoring case: 'É' counts
//! as 'é' and 'A' as 'a' (`char::to_lowercase`). A letter is what
//! `char::is_alphabetic` says, in any alphabet; nothing else is counted. The
//! counts must equal a plain one-thread count, and the work must be shared:
//! several of rayon's threads read lines at the same moment.
//!
//! Check your answer with `cargo exercises 08`.

use std::collections::HashMap;

use rayon::prelude::*;

/// `lines` holds anything that can be read as text: `String`, `&str`, ...
pub fn letter_counts<L>(lines: &[L]) -> HashMap<char, usize>
where
    L: AsRef<str> + Sync,
{
    // TODO: count the letters of all the lines, on rayon's pool.
    todo!("count letters in parallel")
}
