//! WRONG: the list is returned in the order the numbers arrived, not sorted
//! Exercise 2: fill a shared list safely.

use std::sync::{Arc, Mutex};
use std::thread;

pub fn fill_shared_list(workers: usize, per_worker: usize) -> Vec<usize> {
    let list = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..workers)
        .map(|worker| {
            let list = Arc::clone(&list);
            thread::spawn(move || {
                for i in 0..per_worker {
                    list.lock().unwrap().push(worker + i * workers);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    list.lock().unwrap().clone()
}
