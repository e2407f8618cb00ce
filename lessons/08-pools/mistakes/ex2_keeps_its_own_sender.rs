//! WRONG: keeps its own sender, so the channel never closes: when every replica
//! has failed it still waits for the deadline.

use std::thread;
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
        // A thread each, not rayon's pool: replicas mostly wait, and a pool
        // sized for the cores would run only a few of them at a time.
        thread::spawn(move || {
            // After we have given up nobody receives: that `Err` is expected.
            let _ = sender.send(replica());
        });
    }
    loop {
        match replies.recv_deadline(give_up_at) {
            Ok(Some(answer)) => return Some(answer),
            Ok(None) => continue, // that replica failed: wait for the others
            Err(_) => return None, // past the deadline, or every replica failed
        }
    }
}
