//! Exercise 1: results in order (reference solution).

use std::thread;

pub fn map_on_threads<T, R, F>(inputs: Vec<T>, work: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    // `collect` spawns every thread before the loop below joins the first one;
    // joining inside this `map` would run the inputs one at a time.
    let handles: Vec<thread::JoinHandle<R>> = inputs
        .into_iter()
        .map(|input| {
            // a `'static` thread must own what it calls
            let work = work.clone();
            thread::spawn(move || work(input))
        })
        .collect();
    // The handles are in input order, so the results are too.
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a worker panicked"))
        .collect()
}
