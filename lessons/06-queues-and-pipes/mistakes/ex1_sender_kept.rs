//! WRONG: the function keeps its own sender of the results, so the channel
//! never closes and the sum waits for ever.

use std::thread;

use crossbeam_channel::bounded;

pub fn sum_of(
    numbers: impl Iterator<Item = u64> + Send + 'static,
    workers: usize,
    work: fn(u64) -> u64,
) -> u64 {
    let (number_sender, numbers_in) = bounded(16);
    let (result_sender, results_out) = bounded(16);
    let feeder = thread::spawn(move || {
        for n in numbers {
            number_sender.send(n).expect("the workers stopped early");
        }
    });
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let numbers_in = numbers_in.clone();
            let result_sender = result_sender.clone();
            thread::spawn(move || {
                for n in numbers_in {
                    result_sender
                        .send(work(n))
                        .expect("the summer stopped early");
                }
            })
        })
        .collect();
    let sum = results_out.iter().sum();
    feeder.join().expect("the feeder panicked");
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    sum
}
