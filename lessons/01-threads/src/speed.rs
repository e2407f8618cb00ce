//! Timing threads: waiting work (I/O) and computing work (CPU).

use std::thread::{self, JoinHandle};
use std::time::Duration;

use course_kit::timed;
use tracing::info_span;

// ANCHOR: io_bound
/// Stands in for a download: the thread waits and the CPU has nothing to do.
/// The span marks it on the timeline the lesson draws.
pub fn fake_download(n: usize, wait: Duration) {
    let _span = info_span!("download", n).entered();
    thread::sleep(wait);
}

/// Runs `count` downloads one after the other; returns how long that took.
pub fn downloads_in_sequence(count: usize, wait: Duration) -> Duration {
    let _span = info_span!("one after the other").entered();
    let ((), took) = timed(|| (1..=count).for_each(|n| fake_download(n, wait)));
    took
}

/// Runs `count` downloads at once, each on its own thread.
pub fn downloads_on_threads(count: usize, wait: Duration) -> Duration {
    let _span = info_span!("on threads").entered();
    let ((), took) = timed(|| {
        let handles: Vec<JoinHandle<()>> = (1..=count)
            .map(|n| thread::spawn(move || fake_download(n, wait)))
            .collect();
        for handle in handles {
            handle.join().expect("a download thread panicked");
        }
    });
    took
}
// ANCHOR_END: io_bound

// ANCHOR: cpu_bound
/// Work that only computes: is `n` a prime? (trial division, slow on purpose)
pub fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

/// Counts the primes below `limit` on `threads` threads. The numbers are dealt
/// out in blocks, like cards: thread `t` takes blocks t, t + threads, ... so
/// every thread gets its share of the big, slow numbers (and of the odd ones:
/// dealing single numbers to two threads gives one of them every even number).
pub fn count_primes(limit: u64, threads: usize) -> usize {
    let _span = info_span!("count", threads).entered();
    let handles: Vec<JoinHandle<usize>> = (0..threads as u64)
        .map(|first| {
            thread::Builder::new()
                .name(format!("counter {}", first + 1))
                .spawn(move || count_dealt_blocks(limit, first, threads))
                .expect("cannot start a counting thread")
        })
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a counting thread panicked"))
        .sum()
}
// ANCHOR_END: cpu_bound

// ANCHOR: dealt_blocks
/// One thread's share: blocks `first`, `first + every`, ... below `limit`.
fn count_dealt_blocks(limit: u64, first: u64, every: usize) -> usize {
    const BLOCK: u64 = 1000;
    let _span = info_span!("count").entered();
    (first..)
        .step_by(every)
        .map(|block| block * BLOCK)
        .take_while(|&start| start < limit)
        .map(|start| {
            let block = start..limit.min(start + BLOCK);
            block.filter(|&n| is_prime(n)).count()
        })
        .sum()
}
// ANCHOR_END: dealt_blocks

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_split_finds_the_same_primes() {
        // There are 25 primes below 100.
        for threads in 1..=5 {
            assert_eq!(count_primes(100, threads), 25, "{threads} threads");
        }
    }
}
