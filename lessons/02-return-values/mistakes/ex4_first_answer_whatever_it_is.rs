//! WRONG: returns the first answer to arrive, even when it is a failure
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
    // A panicking attempt sends nothing; its slot keeps this error.
    let mut errors = vec!["panicked".to_string(); count];
    // Ends when every attempt has sent or died: then every sender is gone.
    if let Ok((index, outcome)) = outcomes.recv() {
        match outcome {
            Ok(value) => return Ok(value),
            Err(error) => errors[index] = error,
        }
    }
    Err(errors)
}
