//! Exercise 2: fill a shared list safely.
//!
//! `workers` threads each push `per_worker` numbers into ONE list: worker `w`
//! (counting from 0) pushes `w * per_worker + i` for `i` in `0..per_worker`.
//! When all have finished, return the list sorted, so the answer is
//! `0, 1, 2, ..., workers * per_worker - 1`. Use `thread::spawn` (not scoped
//! threads) for this one.
//!
//! Check your answer with `cargo exercises 01`.

use std::thread;

pub fn fill_shared_list(workers: usize, per_worker: usize) -> Vec<usize> {
    // This is how the Python version would look. Uncomment it, build, and read
    // the compiler's errors: they say what is missing.
    //
    // let mut list = Vec::new();
    // let handles: Vec<_> = (0..workers)
    //     .map(|worker| {
    //         thread::spawn(|| {
    //             for i in 0..per_worker {
    //                 list.push(worker * per_worker + i);
    //             }
    //         })
    //     })
    //     .collect();
    // for handle in handles {
    //     handle.join().unwrap();
    // }
    // list.sort();
    // list

    // TODO: make the list something every thread can own a handle to, and
    // change only one at a time.
    // TODO: give each thread its own handle, and move it into the closure.
    // TODO: after joining, read the list out, sort it and return it.
    todo!("fill one list from many threads")
}
