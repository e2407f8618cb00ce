//! When threads end: `main` returning stops them; a panic stops only its own
//! thread.

use course_kit::panics;
use std::thread;
use std::time::Duration;

// ANCHOR: background
/// A ticker thread that wants to tick `ticks` times, `every` apart, while the
/// main thread works for a while and returns. With `join` false nobody waits:
/// the process ends when `main` returns, and the ticker with it.
pub fn ticker_then_return(join: bool, ticks: u32, every: Duration) {
    let ticker = thread::spawn(move || {
        for tick in 1..=ticks {
            thread::sleep(every);
            println!("ticker: tick {tick} of {ticks}");
        }
        println!("ticker: finished");
    });
    thread::sleep(every * 5 / 2); // main's own work
    if join {
        ticker.join().expect("the ticker panicked");
    }
    println!("main: returning");
}
// ANCHOR_END: background

// ANCHOR: panic
/// Fails when `values` is empty: dividing by zero panics.
pub fn average(values: &[u64]) -> u64 {
    values.iter().sum::<u64>() / values.len() as u64
}

/// Runs `average` on its own thread. A panic there ends that thread only;
/// `join` hands it to us as an `Err` holding the panic's payload.
pub fn average_on_thread(values: Vec<u64>) -> Result<u64, String> {
    let handle = thread::Builder::new()
        .name("averager".into())
        .spawn(move || average(&values))
        .expect("cannot start a thread");
    handle.join().map_err(|payload| panics::message(&*payload))
}
// ANCHOR_END: panic
