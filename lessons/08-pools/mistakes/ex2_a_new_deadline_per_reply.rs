//! WRONG: waits up to `deadline` for each reply in turn, so failures that
//! trickle in stretch the wait far past the deadline.

use std::thread;
use std::time::Duration;

pub fn first_answer<T, F>(replicas: Vec<F>, deadline: Duration) -> Option<T>
where
    T: Send + 'static,
    F: FnOnce() -> Option<T> + Send + 'static,
{
    // Room for every reply: a late replica sends and ends, heard or not.
    let (sender, replies) = crossbeam_channel::bounded(replicas.len());
    for replica in replicas {
        let sender = sender.clone();
        // A thread each, not rayon's pool: replicas mostly wait, and a pool
        // sized for the cores would run only a few of them at a time.
        thread::spawn(move || {
            // After we have given up nobody receives: that `Err` is expected.
            let _ = sender.send(replica());
        });
    }
    // Only the replicas hold senders now: when the last one has replied, the
    // channel is closed and `recv_deadline` says so at once.
    drop(sender);
    loop {
        match replies.recv_timeout(deadline) {
            Ok(Some(answer)) => return Some(answer),
            Ok(None) => continue, // that replica failed: wait for the others
            Err(_) => return None, // no reply within the deadline
        }
    }
}
