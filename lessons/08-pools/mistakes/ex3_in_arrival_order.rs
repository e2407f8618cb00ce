//! WRONG: keeps the answers in the order they arrive, which is not the order of
//! the items.

use crate::handmade::Pool;

pub fn pool_map<W>(pool: &Pool, items: Vec<u64>, work: W) -> Vec<u64>
where
    W: Fn(u64) -> u64 + Copy + Send + 'static,
{
    let count = items.len();
    let (sender, results) = crossbeam_channel::unbounded();
    for item in items {
        let sender = sender.clone();
        pool.execute(move || {
            let _ = sender.send(work(item));
        });
    }
    results.iter().take(count).collect()
}
