//! WRONG: the last customer leaves without waking anyone: closers wait out
//! their whole timeout.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct Branch {
    doors: Mutex<Doors>,
    someone_left: Condvar,
}

struct Doors {
    open: bool,
    inside: usize,
}

/// One customer's time in the branch: leaving is dropping it.
pub struct Visit<'a> {
    branch: &'a Branch,
}

impl Branch {
    pub fn new() -> Self {
        Self {
            doors: Mutex::new(Doors {
                open: true,
                inside: 0,
            }),
            someone_left: Condvar::new(),
        }
    }

    pub fn inside(&self) -> usize {
        self.doors.lock().unwrap().inside
    }

    pub fn enter(&self) -> Option<Visit<'_>> {
        // Check and count under one lock: a closer that saw the doors shut
        // can never miss a customer who slipped in between.
        let mut doors = self.doors.lock().unwrap();
        if !doors.open {
            return None;
        }
        doors.inside += 1;
        Some(Visit { branch: self })
    }

    pub fn close_within(&self, timeout: Duration) -> bool {
        let mut doors = self.doors.lock().unwrap();
        doors.open = false;
        // Sleeps with the lock released, so customers can leave; wakes when
        // one does (or for no reason) and checks again.
        let (doors, _) = self
            .someone_left
            .wait_timeout_while(doors, timeout, |doors| doors.inside > 0)
            .unwrap();
        // Decide on the count, not on the timeout flag: the last customer
        // may have left at the very last moment.
        doors.inside == 0
    }
}

impl Default for Branch {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Visit<'_> {
    fn drop(&mut self) {
        let mut doors = self.branch.doors.lock().unwrap();
        // The closer checks the count when it wakes up anyway.
        doors.inside -= 1;
    }
}
