use std::thread;
use std::time::Duration;

fn main() {
    let mut done = 0;
    thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..20 {
                thread::sleep(Duration::from_millis(25));
                done += 1; // the worker counts...
            }
        });
        println!("indexed {done} of 20 files"); // ...while main reads
    });
}
