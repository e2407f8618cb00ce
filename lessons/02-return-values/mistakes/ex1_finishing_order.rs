//! WRONG: the results come from a channel, in the order the threads finish
//! Exercise 1: results in order.

use std::sync::mpsc;
use std::thread;

pub fn map_on_threads<T, R, F>(inputs: Vec<T>, work: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    let (sender, results) = mpsc::channel();
    for input in inputs {
        let work = work.clone();
        let sender = sender.clone();
        thread::spawn(move || sender.send(work(input)).unwrap());
    }
    drop(sender);
    results.iter().collect()
}
