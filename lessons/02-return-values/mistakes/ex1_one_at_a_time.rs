//! WRONG: each thread is joined as soon as it is spawned: one input at a time
//! Exercise 1: results in order.

use std::thread;

pub fn map_on_threads<T, R, F>(inputs: Vec<T>, work: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    inputs
        .into_iter()
        .map(|input| {
            let work = work.clone();
            thread::spawn(move || work(input))
                .join()
                .expect("a worker panicked")
        })
        .collect()
}
