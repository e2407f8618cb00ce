//! Exercise 2: a result with a deadline (reference solution).

use std::thread;
use std::time::Duration;

pub fn with_deadline<R, F>(work: F, deadline: Duration) -> Option<R>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    // Room for one message: the worker can send and finish even if nobody waits.
    let (sender, result) = crossbeam_channel::bounded(1);
    thread::spawn(move || {
        // After a time-out the receiver is gone and `send` fails: nothing to do.
        let _ = sender.send(work());
    });
    // The thread is not joined: a late worker keeps running until `work` returns,
    // as Python's pool keeps computing after `get(timeout=...)` gives up.
    result.recv_timeout(deadline).ok()
}
