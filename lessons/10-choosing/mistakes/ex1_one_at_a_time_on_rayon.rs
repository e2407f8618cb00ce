//! WRONG: hands rayon one job that computes every input in turn: the runtime is
//! free, but only one core works.

/// CPU-bound work. Do not change it.
pub fn crunch(input: u64) -> u64 {
    (0..200_000u64).fold(input, |acc, i| acc.rotate_left(3) ^ i)
}

pub async fn crunch_all(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let (sender, answers) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let crunched: Vec<u64> = inputs.into_iter().map(work).collect();
        let _ = sender.send(crunched);
    });
    answers.await.expect("rayon sends the answers")
}
