//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 06` runs them on your answers in `exercises/`.

use std::thread;
use std::time::{Duration, Instant};

use course_kit::deadline::within;

use lesson_06::ex1_pipeline::sum_of_squares;
use lesson_06::ex2_bounded_stack::BoundedStack;

/// What a test says when the code under test never finishes.
const STUCK: &str = "is a sender still alive somewhere, so a channel never closes?";

#[test]
fn ex1_sums_the_squares() {
    let sum = within(Duration::from_secs(10), STUCK, || {
        sum_of_squares((1..=1000).collect(), 4)
    });
    assert_eq!(sum, 333_833_500, "1² + 2² + ... + 1000²");
}

#[test]
fn ex1_ends_by_itself_for_any_number_of_workers() {
    for workers in [1, 2, 7] {
        let sum = within(Duration::from_secs(10), STUCK, move || {
            sum_of_squares(vec![3, 4], workers)
        });
        assert_eq!(sum, 25, "3² + 4² with {workers} workers");
    }
    let empty = within(Duration::from_secs(10), STUCK, || {
        sum_of_squares(Vec::new(), 3)
    });
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
