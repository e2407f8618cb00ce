//! WRONG: computes on rayon's pool, but waits for the answers with a blocking
//! `recv`, which holds the runtime's thread all the same.

use rayon::prelude::*;

/// CPU-bound work. Do not change it.
pub fn crunch(input: u64) -> u64 {
    (0..200_000u64).fold(input, |acc, i| acc.rotate_left(3) ^ i)
}

pub async fn crunch_all(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let (sender, answers) = std::sync::mpsc::channel();
    rayon::spawn(move || {
        let crunched: Vec<u64> = inputs.into_par_iter().map(work).collect();
        let _ = sender.send(crunched);
    });
    answers.recv().expect("rayon sends the answers")
}
