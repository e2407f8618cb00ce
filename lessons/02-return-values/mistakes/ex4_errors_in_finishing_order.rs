//! WRONG: keeps the errors in the order they arrive, not in input order
//! Exercise 4 (stretch, optional): the first success.

use std::sync::mpsc;
use std::thread;

/// One attempt: a closure that may succeed or fail, on any thread.
pub type Attempt<T> = Box<dyn FnOnce() -> Result<T, String> + Send>;

pub fn first_success<T>(attempts: Vec<Attempt<T>>) -> Result<T, Vec<String>>
where
    T: Send + 'static,
{
    let count = attempts.len();
    let (sender, outcomes) = mpsc::channel();
    for (index, attempt) in attempts.into_iter().enumerate() {
        let sender = sender.clone();
        // Not joined: once a value has arrived, nobody waits for the rest.
        // Their sends fail quietly when `outcomes` is gone.
        thread::spawn(move || {
            let _ = sender.send((index, attempt()));
        });
    }
    drop(sender);
    let mut errors = Vec::new();
    for (_, outcome) in outcomes.iter() {
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) => errors.push(error),
        }
    }
    while errors.len() < count {
        errors.push("panicked".to_string());
    }
    Err(errors)
}
