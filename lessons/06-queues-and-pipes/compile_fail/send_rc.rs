use std::rc::Rc;
use std::sync::mpsc;
use std::thread;

fn main() {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        // `Rc` counts its owners without atomics: not `Send`
        let report: Rc<str> = Rc::from("quarterly report");
        sender.send(report).unwrap();
    });
    println!("{}", receiver.recv().unwrap());
}
