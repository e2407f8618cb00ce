use std::sync::atomic::AtomicI64;

/// Python's `counter.value += 1`, on a value shared between processes.
fn add_one(counter: &AtomicI64) {
    *counter += 1;
}

fn main() {
    let counter = AtomicI64::new(0);
    add_one(&counter);
}
