//! `map_async` with a timeout: start the map, do other things, then wait with a
//! deadline.

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
        // and send it on, so `get` can re-raise it in the caller, as Python
        // does.
        let results = panic::catch_unwind(AssertUnwindSafe(|| {
            items.into_par_iter().map(work).collect()
        }));
        // If the caller gave up and dropped `Pending`, nobody wants this: fine.
        let _ = sender.send(results);
    });
    Pending { result }
}
// ANCHOR_END: background

// ANCHOR: background_get
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
// ANCHOR_END: background_get

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_work_comes_back_in_get() {
        let pending = map_in_background(vec![1, 2, 3], |n: u32| {
            assert!(n != 2, "no twos");
            n
        });
        // Without `catch_unwind` the whole test process would abort here.
        let raised = panic::catch_unwind(AssertUnwindSafe(|| {
            pending.get(Duration::from_secs(30))
        }));
        let message = raised.expect_err("get re-raises the panic");
        assert_eq!(message.downcast_ref::<&str>(), Some(&"no twos"));
    }

    #[test]
    fn the_result_is_taken_once() {
        let pending = map_in_background(vec![1, 2], |n: u32| n * 10);
        assert_eq!(pending.get(Duration::from_secs(30)), Ok(vec![10, 20]));
        assert!(!pending.ready());
        assert_eq!(
            pending.get(Duration::from_millis(10)),
            Err(RecvTimeoutError::Disconnected)
        );
    }
}
