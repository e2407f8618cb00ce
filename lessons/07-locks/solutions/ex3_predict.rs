//! Exercise 3 (stretch, optional): predict, then measure (reference answers).

/// Readers share an `RwLock`: any number of them may hold it at once.
pub fn second_reader_gets_in() -> bool {
    true
}

/// No: std's `RwLock` on Linux lets a waiting writer go first. New readers
/// queue behind it, or a steady stream of readers could starve the writer.
/// (The order is the operating system's choice; other systems may differ.)
pub fn reader_gets_past_a_waiting_writer() -> bool {
    false
}

/// No: a `Condvar` keeps no memory of notifications. One sent while nobody
/// waits is lost, which is why a waiter checks a condition on the data
/// (`wait_timeout_while`) instead of waiting for a signal.
pub fn early_notify_wakes_a_later_waiter() -> bool {
    false
}

/// No: the guard is a temporary of the expression being matched, and such
/// temporaries live until the end of the whole `match`. Copy the value out
/// first (`let balance = *balance.lock().unwrap();`) to unlock sooner.
pub fn lock_is_free_inside_a_match_arm() -> bool {
    false
}
