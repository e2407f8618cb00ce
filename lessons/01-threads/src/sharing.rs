//! Giving threads data: borrowing with scoped threads, sharing with
//! `Arc<Mutex<_>>`.

use std::sync::{Arc, Mutex};
use std::thread;

// ANCHOR: scoped
/// Sums `numbers` on two threads that *borrow* its halves. `thread::scope`
/// promises that both threads end before it returns, so the borrows are safe.
pub fn sum_in_halves(numbers: &[u64]) -> u64 {
    let (left, right) = numbers.split_at(numbers.len() / 2);
    thread::scope(|s| {
        let left_sum = s.spawn(|| left.iter().sum::<u64>());
        let right_sum = s.spawn(|| right.iter().sum::<u64>());
        left_sum.join().unwrap() + right_sum.join().unwrap()
    })
}
// ANCHOR_END: scoped

// ANCHOR: arc_mutex
/// Python's "global list that threads append to". `Arc` lets every thread own
/// a handle to the one list; `Mutex` lets only one of them touch it at a time.
pub fn collect_squares(workers: u64) -> Vec<u64> {
    let squares = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (1..=workers)
        .map(|n| {
            let squares = Arc::clone(&squares);
            thread::spawn(move || squares.lock().unwrap().push(n * n))
        })
        .collect();
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    let squares = squares.lock().unwrap();
    squares.clone()
}
// ANCHOR_END: arc_mutex
