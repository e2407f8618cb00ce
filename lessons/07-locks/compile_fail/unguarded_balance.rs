use std::thread;

fn main() {
    let mut balance = 200;
    thread::scope(|s| {
        s.spawn(|| (0..100).for_each(|_| balance += 1)); // the depositor
        s.spawn(|| (0..100).for_each(|_| balance -= 1)); // the withdrawer
    });
    println!("balance: {balance}");
}
