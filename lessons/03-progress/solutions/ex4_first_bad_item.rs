//! Exercise 4 (stretch, optional): one bad item stops everyone (reference
//! solution).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The first bad item found, if any.
    pub bad: Option<u32>,
    /// How many items were checked, in all the batches together.
    pub checked: usize,
}

pub fn check_all(batches: &[Vec<u32>], check: fn(u32) -> bool) -> Verdict {
    // Any worker may set it; every worker reads it before each item.
    let stop = AtomicBool::new(false);
    // Whoever gets here first keeps the spot: later finds do not replace it.
    let first_bad = Mutex::new(None);
    let checked = thread::scope(|s| {
        let workers: Vec<_> = batches
            .iter()
            .map(|batch| {
                let (stop, first_bad) = (&stop, &first_bad);
                s.spawn(move || {
                    let mut checked = 0;
                    for &item in batch {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        checked += 1;
                        if !check(item) {
                            first_bad.lock().unwrap().get_or_insert(item);
                            stop.store(true, Ordering::Relaxed);
                            break;
                        }
                    }
                    checked
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("a worker panicked"))
            .sum()
    });
    Verdict {
        bad: first_bad.into_inner().unwrap(),
        checked,
    }
}
