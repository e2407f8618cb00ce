use std::rc::Rc;
use std::thread;

fn main() {
    // `Rc` counts its owners without atomics, so it must stay on one thread.
    let handle = thread::spawn(|| Rc::new(vec![21.5, 22.0, 20.9]));
    let readings = handle.join().unwrap();
    println!("{readings:?}");
}
