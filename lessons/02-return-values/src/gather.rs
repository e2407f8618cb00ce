//! A thread's value comes back through `join`, one result per thread, in the
//! order you ask.

use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Three short documents, each counted by its own thread.
pub const DOCUMENTS: [(&str, &str); 3] = [
    (
        "guide.md",
        "Start the service, open the dashboard, and watch the queue drain \
         while the workers pick up jobs one by one.",
    ),
    ("notes.md", "Workers restart on failure. Logs rotate daily."),
    ("todo.md", "Add retries."),
];

// ANCHOR: gather
/// Stands in for reading a document from a slow disk, then counts its words.
pub fn count_words(text: &str, wait: Duration) -> usize {
    thread::sleep(wait);
    text.split_whitespace().count()
}

/// Counts every document's words on a thread of its own. Each thread returns
/// its count and the moment it finished. Joining the handles in document order
/// gives the results in document order, whichever thread finished first.
pub fn count_all(
    documents: &[&'static str],
    waits: &[Duration],
) -> Vec<(usize, Duration)> {
    let start = Instant::now();
    let handles: Vec<JoinHandle<(usize, Duration)>> = documents
        .iter()
        .zip(waits)
        .map(|(&text, &wait)| {
            thread::spawn(move || (count_words(text, wait), start.elapsed()))
        })
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a counting thread panicked"))
        .collect()
}
// ANCHOR_END: gather
