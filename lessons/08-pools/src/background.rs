//! `map_async` with a timeout: start the map, do other things, then wait with a deadline.

use std::panic::{self, AssertUnwindSafe};
use std::thread;
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError};
use rayon::prelude::*;

// ANCHOR: background
/// A result that is being computed on the pool: Python's `AsyncResult`.
pub struct Pending<T> {
    result: Receiver<thread::Result<T>>,
}

/// Starts `work` on every item on rayon's pool and returns at once.
pub fn map_in_background<T, R, F>(items: Vec<T>, work: F) -> Pending<Vec<R>>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(T) -> R + Send + Sync + 'static,
{
    // Room for the one result, so the pool never waits for us to pick it up.
    let (sender, result) = crossbeam_channel::bounded(1);
    rayon::spawn(move || {
        // A panic inside `rayon::spawn` would abort the whole process. Catch it
        // and send it on, so `get` can re-raise it in the caller, as Python does.
        let results = panic::catch_unwind(AssertUnwindSafe(|| {
            items.into_par_iter().map(work).collect()
        }));
        // If the caller gave up and dropped `Pending`, nobody wants this: fine.
        let _ = sender.send(results);
    });
    Pending { result }
}

impl<T> Pending<T> {
    /// Waits at most `timeout`, like `AsyncResult.get(timeout=...)`. A time-out
    /// does not stop the work: `Pending` is still there to ask again. If the
    /// work panicked, the panic goes on here. The result can be taken once:
    /// a second `get` after a success gives `Disconnected`.
    pub fn get(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        match self.result.recv_timeout(timeout)? {
            Ok(results) => Ok(results),
            Err(panicked) => panic::resume_unwind(panicked),
        }
    }

    /// Is the result waiting to be taken? (`AsyncResult.ready()`, without
    /// waiting; unlike Python's, it is `false` again once `get` has taken it.)
    pub fn ready(&self) -> bool {
        !self.result.is_empty()
    }
}
// ANCHOR_END: background
