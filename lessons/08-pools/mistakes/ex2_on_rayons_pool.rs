//! WRONG: runs the replicas on rayon's pool, which has one thread per core: the
//! others wait for a thread instead of starting at once.

use std::time::{Duration, Instant};

pub fn first_answer<T, F>(replicas: Vec<F>, deadline: Duration) -> Option<T>
where
    T: Send + 'static,
    F: FnOnce() -> Option<T> + Send + 'static,
{
    // One deadline for the whole call, not a fresh one for every message.
    let give_up_at = Instant::now() + deadline;
    // Room for every reply: a late replica sends and ends, heard or not.
    let (sender, replies) = crossbeam_channel::bounded(replicas.len());
    for replica in replicas {
        let sender = sender.clone();
        // rayon's pool runs the replicas: no thread to start for each.
        rayon::spawn(move || {
            // After we have given up nobody receives: that `Err` is expected.
            let _ = sender.send(replica());
        });
    }
    // Only the replicas hold senders now: when the last one has replied, the
    // channel is closed and `recv_deadline` says so at once.
    drop(sender);
    loop {
        match replies.recv_deadline(give_up_at) {
            Ok(Some(answer)) => return Some(answer),
            Ok(None) => continue, // that replica failed: wait for the others
            Err(_) => return None, // past the deadline, or every replica failed
        }
    }
}
