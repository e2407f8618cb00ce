//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 06` runs them on your answers in `exercises/`.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use lesson_06::ex1_pipeline::sum_of_squares;
use lesson_06::ex2_bounded_stack::BoundedStack;

/// Runs `work` on its own thread and fails the test if it takes longer than
/// `limit`: a channel that never closes must not hang the test.
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    let worker = thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!(
            "still waiting after {limit:?}: is a sender still alive somewhere, so a channel never closes?"
        ),
        // The work panicked: pass its panic on, message and all.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(worker.join().unwrap_err())
        }
    }
}

#[test]
fn ex1_sums_the_squares() {
    let sum = within(Duration::from_secs(10), || {
        sum_of_squares((1..=1000).collect(), 4)
    });
    assert_eq!(sum, 333_833_500, "1² + 2² + ... + 1000²");
}

#[test]
fn ex1_ends_by_itself_for_any_number_of_workers() {
    for workers in [1, 2, 7] {
        let sum = within(Duration::from_secs(10), move || {
            sum_of_squares(vec![3, 4], workers)
        });
        assert_eq!(sum, 25, "3² + 4² with {workers} workers");
    }
    let empty = within(Duration::from_secs(10), || sum_of_squares(Vec::new(), 3));
    assert_eq!(empty, 0, "nothing in, nothing out");
}

#[test]
fn ex2_last_in_first_out() {
    let stack = BoundedStack::new(3);
    for n in 1..=3 {
        assert!(stack.push_timeout(n, Duration::ZERO).is_ok(), "room for 3");
    }
    let out: Vec<i32> = (0..3)
        .filter_map(|_| stack.pop_timeout(Duration::ZERO))
        .collect();
    assert_eq!(out, [3, 2, 1]);
}

#[test]
fn ex2_gives_up_after_the_timeout() {
    let stack = BoundedStack::new(1);
    let start = Instant::now();
    assert_eq!(stack.pop_timeout(Duration::from_millis(30)), None::<u8>);
    assert!(
        start.elapsed() >= Duration::from_millis(25),
        "pop_timeout should wait before giving up"
    );
    stack.push_timeout(1, Duration::ZERO).unwrap();
    assert_eq!(
        stack.push_timeout(2, Duration::from_millis(30)),
        Err(2),
        "a full stack gives the item back"
    );
}

#[test]
fn ex2_waiters_are_woken() {
    let stack = BoundedStack::new(1);
    let long = Duration::from_secs(10);
    thread::scope(|s| {
        // A push into a full stack waits until a pop makes room.
        stack.push_timeout("first", long).unwrap();
        let pusher = s.spawn(|| stack.push_timeout("second", long));
        thread::sleep(Duration::from_millis(50));
        assert_eq!(stack.pop_timeout(long), Some("first"));
        assert_eq!(pusher.join().unwrap(), Ok(()));
        // A pop from an empty stack waits until a push brings an item.
        assert_eq!(stack.pop_timeout(long), Some("second"));
        let popper = s.spawn(|| stack.pop_timeout(long));
        thread::sleep(Duration::from_millis(50));
        stack.push_timeout("third", long).unwrap();
        assert_eq!(popper.join().unwrap(), Some("third"));
    });
}
