//! Exercise 2: fill a shared list safely (reference solution).

use std::sync::{Arc, Mutex};
use std::thread;

pub fn fill_shared_list(workers: usize, per_worker: usize) -> Vec<usize> {
    let list = Arc::new(Mutex::new(Vec::with_capacity(workers * per_worker)));
    let handles: Vec<_> = (0..workers)
        .map(|worker| {
            // each thread owns a handle to the same list
            let list = Arc::clone(&list);
            thread::spawn(move || {
                for i in 0..per_worker {
                    // The push happens while the lock is held: nobody else
                    // can change the list between reading and writing it.
                    list.lock().unwrap().push(worker + i * workers);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    // Every other handle is gone now, so this one can take the list out.
    let mut list = Arc::into_inner(list)
        .expect("all workers have finished")
        .into_inner()
        .unwrap();
    list.sort_unstable();
    list
}
