//! Exercise 2: fill a shared list safely.
//!
//! `workers` threads push numbers into ONE list. Worker `w` (counting from 0)
//! pushes `per_worker` numbers: `w`, `w + workers`, `w + 2 * workers`, ...
//! So every number from 0 to `workers * per_worker - 1` lands in the list
//! exactly once, none lost, whatever the threads do at the same moment.
//! When all the workers have finished, return the list sorted.
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
    //                 list.push(worker + i * workers);
    //             }
    //         })
    //     })
    //     .collect();
    // for handle in handles {
    //     handle.join().unwrap();
    // }
    // list.sort();
    // list

    // TODO: make it compile, with every number in the list exactly once.
    todo!("fill one list from many threads")
}
