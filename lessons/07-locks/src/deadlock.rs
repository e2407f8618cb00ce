//! Two locks taken in opposite orders: a deadlock, and the fix.

use std::sync::{Barrier, Mutex};
use std::thread;

/// Two clerks transfer between the same two accounts, in opposite directions.
/// Each locks the account it takes money from, then the one it pays into.
/// With `ordered`, both lock the lower-numbered account first instead. Each
/// clerk says what it holds and what it waits for: the parent draws that.
// ANCHOR: deadlock
pub fn transfers(ordered: bool) {
    let accounts = [Mutex::new(500_i64), Mutex::new(500_i64)];
    let both_hold_one = Barrier::new(2);
    let transfer = |from: usize, to: usize| {
        let (first, second) = if ordered && from > to {
            (to, from)
        } else {
            (from, to)
        };
        let mut first_account = accounts[first].lock().unwrap();
        println!("clerk {from}→{to}: holds accounts[{first}]");
        if !ordered {
            // Make the unlucky timing certain, not just likely.
            both_hold_one.wait();
        }
        println!("clerk {from}→{to}: waits for accounts[{second}]");
        // This may wait for ever:
        let mut second_account = accounts[second].lock().unwrap();
        let paid = if first == from { -100 } else { 100 }; // what `first` gains
        *first_account += paid;
        *second_account -= paid;
    };
    thread::scope(|s| {
        s.spawn(|| transfer(0, 1));
        s.spawn(|| transfer(1, 0));
    });
    println!(
        "both transfers done: {} and {}",
        accounts[0].lock().unwrap(),
        accounts[1].lock().unwrap()
    );
}
// ANCHOR_END: deadlock
