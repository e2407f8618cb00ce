//! Exercise 1: a pipeline that ends by itself (reference solution).

use crossbeam_channel::bounded;
use std::thread;

pub fn sum_of_squares(numbers: Vec<u64>, workers: usize) -> u64 {
    let (number_sender, numbers_in) = bounded(16);
    let (square_sender, squares_out) = bounded(16);
    let feeder = thread::spawn(move || {
        for n in numbers {
            number_sender.send(n).expect("the workers stopped early");
        }
        // `number_sender` is dropped here: the workers' loops end once it is empty.
    });
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let numbers_in = numbers_in.clone();
            let square_sender = square_sender.clone();
            thread::spawn(move || {
                for n in numbers_in {
                    square_sender.send(n * n).expect("the summer stopped early");
                }
            })
        })
        .collect();
    // The workers hold their own clones. If this function kept the original
    // sender, the loop below would wait for ever for one more square.
    drop(square_sender);
    let sum = squares_out.iter().sum();
    feeder.join().expect("the feeder panicked");
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    sum
}
