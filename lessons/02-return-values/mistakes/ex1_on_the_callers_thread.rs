//! WRONG: no thread is started: the caller's thread runs every input in turn
//! Exercise 1: results in order.

pub fn map_on_threads<T, R, F>(inputs: Vec<T>, work: F) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Clone + Send + 'static,
{
    inputs.into_iter().map(work).collect()
}
