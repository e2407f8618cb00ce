//! WRONG: each push copies the list out, pushes, and writes the copy back under
//! a second lock Exercise 2: fill a shared list safely.

use std::sync::{Arc, Mutex};
use std::thread;

pub fn fill_shared_list(workers: usize, per_worker: usize) -> Vec<usize> {
    let list = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..workers)
        .map(|worker| {
            let list = Arc::clone(&list);
            thread::spawn(move || {
                for i in 0..per_worker {
                    // Each step is locked, but another thread can write
                    // between the copy and the write-back: its push is lost.
                    let mut copy = list.lock().unwrap().clone();
                    copy.push(worker + i * workers);
                    *list.lock().unwrap() = copy;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    let mut list = list.lock().unwrap().clone();
    list.sort_unstable();
    list
}
