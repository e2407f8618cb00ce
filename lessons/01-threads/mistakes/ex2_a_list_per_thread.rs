//! WRONG: every thread pushes into its own copy of the list, and main's stays
//! empty Exercise 2: fill a shared list safely.

use std::thread;

pub fn fill_shared_list(workers: usize, per_worker: usize) -> Vec<usize> {
    let list: Vec<usize> = Vec::new();
    let handles: Vec<_> = (0..workers)
        .map(|worker| {
            let mut list = list.clone();
            thread::spawn(move || {
                for i in 0..per_worker {
                    list.push(worker + i * workers);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    let mut list = list;
    list.sort_unstable();
    list
}
