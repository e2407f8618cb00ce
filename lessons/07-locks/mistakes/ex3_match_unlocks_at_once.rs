//! WRONG: predicts that the lock is free again once `match *m.lock().unwrap()`
//! has read the value.

/// One thread holds `rates.read()` (an `RwLock`). Does another thread's
/// `rates.try_read()` succeed?
pub fn second_reader_gets_in() -> bool {
    true
}

/// One thread holds `rates.read()`, and a second thread is waiting in
/// `rates.write()`. Does a third thread's `rates.try_read()` succeed?
pub fn reader_gets_past_a_waiting_writer() -> bool {
    false
}

/// A depositor calls `funds_arrived.notify_all()` (a `Condvar`). Only then
/// does a withdrawal call `funds_arrived.wait_timeout(guard, 200 ms)`, with
/// no condition. Does the withdrawal wake before its 200 ms are up?
pub fn early_notify_wakes_a_later_waiter() -> bool {
    false
}

/// A thread runs `match *balance.lock().unwrap() { ... }` (a `Mutex`). While
/// it runs the code of one of the match's arms, does another thread's
/// `balance.try_lock()` succeed?
pub fn lock_is_free_inside_a_match_arm() -> bool {
    true
}
