//! Scoped threads may borrow the caller's data, and may return borrows of it
//! too.

use std::thread;

/// A few lines of a web server's log.
pub const LOG: &str = "\
GET /index.html 200 12ms
GET /favicon.ico 404 1ms
POST /api/orders 201 87ms
GET /api/orders/7 200 9ms
GET /static/app.js 200 3ms
DELETE /api/orders/7 204 15ms
GET /api/reports/monthly?year=2025&format=csv 200 412ms
GET /health 200 0ms";

// ANCHOR: borrowed
/// The longest of `lines`; the result borrows from the same text as `lines`.
fn longest<'text>(lines: &[&'text str]) -> &'text str {
    lines
        .iter()
        .copied()
        .max_by_key(|line| line.len())
        .unwrap_or("")
}

/// The longest line in each half of `log`, found on two scoped threads. The
/// threads return `&str`s that point into `log` itself: nothing is copied, and
/// the compiler checks that `log` outlives both the threads and the results.
pub fn longest_in_halves(log: &str) -> (&str, &str) {
    let lines: Vec<&str> = log.lines().collect();
    let (first, second) = lines.split_at(lines.len() / 2);
    thread::scope(|s| {
        let first = s.spawn(|| longest(first));
        let second = s.spawn(|| longest(second));
        (first.join().unwrap(), second.join().unwrap())
    })
}
// ANCHOR_END: borrowed

/// Whether `part` lies inside `whole`'s memory, i.e. is a borrow, not a copy.
pub fn points_into(whole: &str, part: &str) -> bool {
    whole.as_bytes().as_ptr_range().contains(&part.as_ptr())
}
