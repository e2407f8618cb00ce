//! WRONG: joins every attempt in input order, then takes the first success in
//! input order Exercise 4 (stretch, optional): the first success.

use std::thread;

/// One attempt: a closure that may succeed or fail, on any thread.
pub type Attempt<T> = Box<dyn FnOnce() -> Result<T, String> + Send>;

pub fn first_success<T>(attempts: Vec<Attempt<T>>) -> Result<T, Vec<String>>
where
    T: Send + 'static,
{
    let handles: Vec<_> = attempts.into_iter().map(thread::spawn).collect();
    let mut errors = Vec::new();
    let mut value = None;
    for handle in handles {
        match handle.join() {
            Ok(Ok(v)) => {
                value.get_or_insert(v);
            }
            Ok(Err(error)) => errors.push(error),
            Err(_) => errors.push("panicked".to_string()),
        }
    }
    value.ok_or(errors)
}
