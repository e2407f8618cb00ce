use std::thread;

fn main() {
    let mut squares = Vec::new();
    thread::scope(|s| {
        s.spawn(|| squares.push(1));
        s.spawn(|| squares.push(4));
    });
    println!("{squares:?}");
}
