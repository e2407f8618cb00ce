//! Lock poisoning: a thread panicked while holding the lock.

use std::sync::Mutex;
use std::thread;

/// Two accounts that must always sum to 300. A transfer moves money in two
/// steps, and panics between them: the lock is released by the unwinding
/// panic, but the data is left half-changed, so the `Mutex` is marked poisoned.
// ANCHOR: poison
pub fn poisoned_transfer() -> (String, [i64; 2]) {
    let accounts = Mutex::new([200_i64, 100]);
    let _ = thread::scope(|s| {
        s.spawn(|| {
            let mut accounts = accounts.lock().unwrap();
            accounts[0] -= 50; // step 1 done...
            // ...step 2 never happens
            panic!("the network failed mid-transfer");
        })
        .join()
    });
    // Every later `lock()` says what happened: Err(PoisonError).
    let seen = match accounts.lock() {
        Ok(_) => "lock() gave Ok".to_string(),
        Err(poisoned) => {
            // The data is still there, for whoever knows how to repair it.
            let mut accounts = poisoned.into_inner();
            let found = format!(
                "lock() gave Err(PoisonError); inside: {:?}",
                *accounts
            );
            accounts[1] += 50; // repair: finish the transfer
            found
        }
    };
    accounts.clear_poison(); // repaired: later lockers get Ok again
    (seen, *accounts.lock().unwrap())
}
// ANCHOR_END: poison
