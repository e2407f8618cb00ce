//! Exercise 1: computing from async code, the right way (reference solution).

use rayon::prelude::*;

/// CPU-bound work. Do not change it.
pub fn crunch(input: u64) -> u64 {
    (0..200_000u64).fold(input, |acc, i| acc.rotate_left(3) ^ i)
}

pub async fn crunch_all(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let (sender, answers) = tokio::sync::oneshot::channel();
    // rayon's threads do the computing, one per core; the runtime's threads
    // are left free for the tasks that wait.
    rayon::spawn(move || {
        let crunched: Vec<u64> = inputs.into_par_iter().map(work).collect();
        // If the caller was cancelled, nobody is listening: nothing to do.
        let _ = sender.send(crunched);
    });
    // Awaiting a oneshot receiver gives the thread back until the answer
    // arrives. It fails only if the sender is dropped unused, and that cannot
    // happen here: a panic inside `rayon::spawn` aborts the whole process.
    answers
        .await
        .expect("rayon::spawn sends, or the process has aborted")
}
