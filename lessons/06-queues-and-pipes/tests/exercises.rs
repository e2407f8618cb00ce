//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 06` runs them on your answers in `exercises/`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use course_test::deadline::within;

use lesson_06::ex1_pipeline::sum_of;
use lesson_06::ex2_bounded_stack::BoundedStack;

/// Every test gives up after this long instead of hanging.
const LIMIT: Duration = Duration::from_secs(20);

/// What an exercise 1 test says when the code under test never finishes.
const STUCK: &str = "is a sender still alive somewhere, so a channel never closes?";

fn square(n: u64) -> u64 {
    n * n
}

#[test]
fn ex1_sums_the_squares() {
    let sum = within(LIMIT, STUCK, || sum_of((1..=1000).collect(), 4, square));
    assert_eq!(sum, 333_833_500, "1² + 2² + ... + 1000²");
}

#[test]
fn ex1_ends_by_itself_for_any_number_of_workers() {
    for workers in [1, 2, 7] {
        let sum = within(LIMIT, STUCK, move || sum_of(vec![3, 4], workers, square));
        assert_eq!(sum, 25, "3² + 4² with {workers} workers");
    }
    let empty = within(LIMIT, STUCK, || sum_of(Vec::new(), 3, square));
    assert_eq!(empty, 0, "nothing in, nothing out");
}

/// How many calls of `slow_double` are running right now, and the most at once.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

/// Work that takes a while, and counts how many copies of it run together.
fn slow_double(n: u64) -> u64 {
    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
    MOST_AT_ONCE.fetch_max(now, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(100));
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    2 * n
}

#[test]
fn ex1_runs_the_work_on_several_threads_at_once() {
    let sum = within(LIMIT, STUCK, || sum_of((1..=8).collect(), 4, slow_double));
    assert_eq!(sum, 72, "2 × (1 + 2 + ... + 8)");
    let most = MOST_AT_ONCE.load(Ordering::SeqCst);
    assert!(
        most >= 2,
        "at most {most} call(s) of `work` ran at once: with 4 workers, \
         each worker thread must call `work` itself"
    );
}

#[test]
fn ex2_last_in_first_out() {
    let out = within(LIMIT, "a call with a zero timeout never returned", || {
        let stack = BoundedStack::new(3);
        for n in 1..=3 {
            assert!(stack.push_timeout(n, Duration::ZERO).is_ok(), "room for 3");
        }
        (0..3)
            .filter_map(|_| stack.pop_timeout(Duration::ZERO))
            .collect::<Vec<i32>>()
    });
    assert_eq!(out, [3, 2, 1]);
}

#[test]
fn ex2_gives_up_after_the_timeout() {
    let stuck = "did the wait forget its timeout (`wait_timeout_while`, not `wait_while`)?";
    within(LIMIT, stuck, || {
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
    });
}

/// Long enough that a waiter nobody wakes is easy to tell from one that was
/// woken (the test allows 2 s for 50 ms of work, on a loaded machine too).
const PATIENCE: Duration = Duration::from_secs(5);

#[test]
fn ex2_a_pop_wakes_a_waiting_pusher() {
    let took = within(LIMIT, "a push into a full stack never returned", || {
        let stack = BoundedStack::new(1);
        let start = Instant::now();
        thread::scope(|s| {
            stack.push_timeout("first", PATIENCE).unwrap();
            let pusher = s.spawn(|| stack.push_timeout("second", PATIENCE));
            thread::sleep(Duration::from_millis(50)); // the pusher is waiting now
            assert_eq!(stack.pop_timeout(PATIENCE), Some("first"));
            assert_eq!(pusher.join().unwrap(), Ok(()), "the pop made room");
        });
        start.elapsed()
    });
    assert!(
        took < Duration::from_secs(2),
        "the pusher got in only after {took:?}: it slept until its timeout. \
         Does `pop_timeout` wake a waiting pusher?"
    );
}

#[test]
fn ex2_a_push_wakes_a_waiting_popper() {
    let took = within(LIMIT, "a pop from an empty stack never returned", || {
        let stack = BoundedStack::new(1);
        let start = Instant::now();
        thread::scope(|s| {
            let popper = s.spawn(|| stack.pop_timeout(PATIENCE));
            thread::sleep(Duration::from_millis(50)); // the popper is waiting now
            stack.push_timeout("third", PATIENCE).unwrap();
            assert_eq!(popper.join().unwrap(), Some("third"));
        });
        start.elapsed()
    });
    assert!(
        took < Duration::from_secs(2),
        "the popper got its item only after {took:?}: it slept until its \
         timeout. Does `push_timeout` wake a waiting popper?"
    );
}
