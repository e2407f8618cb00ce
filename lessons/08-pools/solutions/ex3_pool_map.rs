//! Exercise 3: `map` for the hand-made pool (reference solution).

use crate::handmade::Pool;

pub fn pool_map<W>(pool: &Pool, items: Vec<u64>, work: W) -> Vec<u64>
where
    W: Fn(u64) -> u64 + Copy + Send + 'static,
{
    let count = items.len();
    let (sender, results) = crossbeam_channel::unbounded();
    for (index, item) in items.into_iter().enumerate() {
        let sender = sender.clone(); // one sender per job
        pool.execute(move || {
            // The index travels with the answer: jobs finish in any order.
            let _ = sender.send((index, work(item)));
        });
    }
    // Our own sender would keep the channel open forever; only the jobs'
    // remain.
    drop(sender);
    let mut answers = vec![0; count];
    for (index, answer) in results.iter().take(count) {
        answers[index] = answer;
    }
    answers
}
