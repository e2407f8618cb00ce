//! Exercise 1: a pipeline that ends by itself (reference solution).

use std::thread;

use crossbeam_channel::bounded;

pub fn sum_of(
    numbers: impl Iterator<Item = u64> + Send + 'static,
    workers: usize,
    work: fn(u64) -> u64,
) -> u64 {
    // At most 16 numbers wait for a worker: when the workers are busy, the
    // feeder waits too, instead of reading every number into memory.
    let (number_sender, numbers_in) = bounded(16);
    let (result_sender, results_out) = bounded(16);
    let feeder = thread::spawn(move || {
        for n in numbers {
            number_sender.send(n).expect("the workers stopped early");
        }
        // `number_sender` is dropped here: the workers' loops end once it is
        // empty.
    });
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let numbers_in = numbers_in.clone();
            let result_sender = result_sender.clone();
            thread::spawn(move || {
                // Each worker takes the next number as soon as it is free, so
                // `workers` calls of `work` run at the same time.
                for n in numbers_in {
                    result_sender
                        .send(work(n))
                        .expect("the summer stopped early");
                }
            })
        })
        .collect();
    // The workers hold their own clones. If this function kept the original
    // sender, the loop below would wait for ever for one more result.
    drop(result_sender);
    let sum = results_out.iter().sum();
    feeder.join().expect("the feeder panicked");
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    sum
}
