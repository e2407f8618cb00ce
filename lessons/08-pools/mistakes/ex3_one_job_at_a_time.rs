//! WRONG: waits for each job's answer before it hands the pool the next job:
//! the workers take turns.

use crate::handmade::Pool;

pub fn pool_map<W>(pool: &Pool, items: Vec<u64>, work: W) -> Vec<u64>
where
    W: Fn(u64) -> u64 + Copy + Send + 'static,
{
    let (sender, results) = crossbeam_channel::unbounded();
    let mut answers = Vec::new();
    for item in items {
        let sender = sender.clone();
        pool.execute(move || {
            let _ = sender.send(work(item));
        });
        // In order for free: the next job starts only after this answer.
        answers.push(results.recv().expect("the job sends its answer"));
    }
    answers
}
