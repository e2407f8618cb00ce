use std::thread;

fn main() {
    let mut balance = 200;
    thread::scope(|s| {
        // the depositor
        s.spawn(|| {
            for _ in 0..100 {
                balance += 1;
            }
        });
        // the withdrawer
        s.spawn(|| {
            for _ in 0..100 {
                balance -= 1;
            }
        });
    });
    println!("balance: {balance}");
}
