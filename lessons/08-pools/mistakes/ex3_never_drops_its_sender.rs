//! WRONG: reads answers until the channel closes, but its own sender keeps the
//! channel open: it never returns.

use crate::handmade::Pool;

pub fn pool_map<W>(pool: &Pool, items: Vec<u64>, work: W) -> Vec<u64>
where
    W: Fn(u64) -> u64 + Copy + Send + 'static,
{
    let mut answers = vec![0; items.len()];
    let (sender, results) = crossbeam_channel::unbounded();
    for (index, item) in items.into_iter().enumerate() {
        let sender = sender.clone();
        pool.execute(move || {
            let _ = sender.send((index, work(item)));
        });
    }
    for (index, answer) in results {
        answers[index] = answer;
    }
    answers
}
