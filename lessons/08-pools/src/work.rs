//! The CPU-bound work every part of this lesson hands to a pool.

// ANCHOR: work
/// How many steps the Collatz sequence takes to get from `start` down to 1
/// (halve even numbers, turn odd `n` into `3n + 1`). Pure computation: no I/O,
/// no shared data, and no way to know the answer without doing the steps.
pub fn collatz_steps(start: u64) -> u32 {
    let mut n = start;
    let mut steps = 0;
    while n > 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        steps += 1;
    }
    steps
}
// ANCHOR_END: work

/// The number below `limit` with the longest Collatz sequence, and its length
/// (the smallest such number if there is a tie).
pub fn longest_chain(limit: u64) -> (u64, u32) {
    (1..limit).map(|n| (n, collatz_steps(n))).fold(
        (1, 0),
        |best, (n, steps)| {
            if steps > best.1 { (n, steps) } else { best }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_chains() {
        assert_eq!(collatz_steps(1), 0);
        assert_eq!(collatz_steps(6), 8);
        assert_eq!(collatz_steps(27), 111);
        assert_eq!(longest_chain(10), (9, 19));
    }
}
