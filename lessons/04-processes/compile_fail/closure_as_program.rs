use std::process::Command;

fn main() {
    let square = |n: u64| n * n;
    // Python's Process(target=square): but a process runs a program, not a
    // closure.
    let child = Command::new(square).spawn();
    println!("{child:?}");
}
