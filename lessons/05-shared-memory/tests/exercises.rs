//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 05` runs them on your answers in `exercises/`.
//!
//! The child roles you write run in `lesson-05`, the program cargo builds from
//! this lesson (`env!("CARGO_BIN_EXE_lesson-05")`): the test program itself
//! plays no roles. Some tests start small shell scripts instead, as stand-ins
//! for a child that behaves in one particular way (sleeps, fails).
//!
//! Exercise 3's tests run threads, each with its OWN mapping of the segment,
//! opened by its handle as a child process would: the memory is shared the
//! same way. Whether two of them ever get in each other's way depends on the
//! machine, so a stand-in counter also lets a rival in at the worst moment,
//! every run.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use course_kit::child;
use course_kit::shm::SharedValue;
use course_test::deadline::within;

use lesson_05::counter::Counter;
use lesson_05::ex1_partial_sums::sum_of_squares;
use lesson_05::ex2_histogram::histogram;
use lesson_05::ex3_compare_exchange::add_one;
use lesson_05::ex4_what_a_reader_sees::{COUNT, Seen, predictions, watch};

/// Every test gives up after this long instead of hanging.
const LIMIT: Duration = Duration::from_secs(60);

/// Exercise 3's tests give up sooner: their work takes well under a second.
const SHORT: Duration = Duration::from_secs(20);

/// What `new_child` is in the tests: a command that starts `lesson-05` in
/// `role`, as `child::command(role, &[])` does inside the lesson.
fn lesson_role(role: &'static str) -> impl Fn() -> anyhow::Result<Command> {
    move || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lesson-05"));
        command
            .arg(child::ROLE_ARG)
            .arg(role)
            .env(child::PARENT_ENV, std::process::id().to_string());
        Ok(command)
    }
}

/// A shell script as a stand-in child. The arguments the code under test adds
/// come after the script (as `$0`, `$1`, ...), where the script ignores them.
fn shell(script: &'static str) -> impl Fn() -> anyhow::Result<Command> {
    move || {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        Ok(command)
    }
}

/// 1² + 2² + ... + n².
fn squares_up_to(n: u64) -> u64 {
    n * (n + 1) * (2 * n + 1) / 6
}

#[test]
fn ex1_the_sum_is_right() {
    for (n, children) in [(1000, 4), (10, 1), (3, 5), (100_000, 3)] {
        let sum = within(LIMIT, "sum_of_squares never returned", move || {
            sum_of_squares(n, children, lesson_role("ex1-sum"))
        });
        assert_eq!(
            sum.unwrap(),
            squares_up_to(n),
            "the squares of 1 to {n}, in {children} children"
        );
    }
}

#[test]
fn ex1_the_sum_is_what_the_children_left() {
    // Stand-ins that exit at once and leave nothing in the shared memory.
    let sum = within(LIMIT, "sum_of_squares never returned", || {
        sum_of_squares(100, 2, shell("exit 0"))
    });
    assert_eq!(
        sum.unwrap(),
        0,
        "the children left nothing, so there is nothing to add: the work \
         is the children's"
    );
}

#[test]
fn ex1_the_children_run_at_the_same_time() {
    let started = Instant::now();
    let sum = within(LIMIT, "sum_of_squares never returned", || {
        sum_of_squares(100, 4, shell("sleep 0.5"))
    });
    let took = started.elapsed();
    sum.unwrap();
    assert!(
        took < Duration::from_millis(1500),
        "4 children that each sleep 0.5 s took {took:?}: were they started \
         one at a time?"
    );
}

#[test]
fn ex1_a_failing_child_is_an_error() {
    let sum = within(LIMIT, "sum_of_squares never returned", || {
        sum_of_squares(100, 2, shell("exit 3"))
    });
    assert!(sum.is_err(), "both children exited with 3: {sum:?}");
}

#[test]
fn ex2_every_value_lands_in_its_bucket() {
    let counts = within(LIMIT, "histogram never returned", || {
        histogram(&[0, 9, 10, 55, 99, 99, 42], 3, lesson_role("ex2-count"))
    });
    assert_eq!(counts.unwrap(), [2, 1, 0, 0, 1, 1, 0, 0, 0, 2]);
}

#[test]
fn ex2_no_count_is_lost() {
    // Every value in one bucket, so the children collide on it as often as
    // they can. Optimised, a child may finish its share before the next one
    // has started, so the histogram is made 20 times: a count that can be
    // lost is lost in at least one of them.
    let values = vec![42; 4_000_000];
    for round in 1..=20 {
        let values = values.clone();
        let counts = within(LIMIT, "histogram never returned", move || {
            histogram(&values, 4, lesson_role("ex2-count"))
        });
        assert_eq!(
            counts.unwrap(),
            [0, 0, 0, 0, 4_000_000, 0, 0, 0, 0, 0],
            "round {round}: 4000000 values, all in bucket 4"
        );
    }
}

#[test]
fn ex2_the_children_run_at_the_same_time() {
    let started = Instant::now();
    let counts = within(LIMIT, "histogram never returned", || {
        histogram(&[1, 2, 3, 4], 4, shell("sleep 0.5"))
    });
    let took = started.elapsed();
    counts.unwrap();
    assert!(
        took < Duration::from_millis(1500),
        "4 children that each sleep 0.5 s took {took:?}: were they started \
         one at a time?"
    );
}

#[test]
fn ex2_a_failing_child_is_an_error() {
    let counts = within(LIMIT, "histogram never returned", || {
        histogram(&[1, 2, 3, 4], 2, shell("exit 3"))
    });
    assert!(counts.is_err(), "both children exited with 3: {counts:?}");
}

#[test]
fn ex3_no_increment_is_lost() {
    let counter = SharedValue::<AtomicI64>::anonymous().unwrap();
    let handle = counter.handle().to_string();
    let retries = within(SHORT, "add_one never returned", move || {
        thread::scope(|s| {
            let workers: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        let mine =
                            SharedValue::<AtomicI64>::open(&handle).unwrap();
                        (0..200_000).map(|_| add_one(&*mine)).sum::<u64>()
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).sum::<u64>()
        })
    });
    assert_eq!(
        counter.load(Ordering::SeqCst),
        800_000,
        "4 workers added 1 200000 times each ({retries} retries)"
    );
}

#[test]
fn ex3_no_retry_without_contention() {
    let counter = AtomicI64::new(41);
    assert_eq!(add_one(&counter), 0);
    assert_eq!(counter.load(Ordering::SeqCst), 42);
}

/// A stand-in counter: "another process" adds 1 right after each read of
/// the counter and right after each failed `compare_exchange`, until it has
/// done so `rival_adds` times. Those are the worst moments: between a read
/// and the write that depends on it.
struct Interfering {
    value: AtomicI64,
    rival_adds: AtomicU32,
    rival_added: AtomicI64,
    failures: AtomicU32,
}

impl Interfering {
    fn new(start: i64, rival_adds: u32) -> Self {
        Self {
            value: AtomicI64::new(start),
            rival_adds: AtomicU32::new(rival_adds),
            rival_added: AtomicI64::new(0),
            failures: AtomicU32::new(0),
        }
    }

    fn rival_gets_in(&self) {
        let left = self.rival_adds.load(Ordering::SeqCst);
        if left > 0 {
            self.rival_adds.store(left - 1, Ordering::SeqCst);
            self.value.fetch_add(1, Ordering::SeqCst);
            self.rival_added.fetch_add(1, Ordering::SeqCst);
        }
    }
}

impl Counter for Interfering {
    fn load(&self, order: Ordering) -> i64 {
        let value = self.value.load(order);
        self.rival_gets_in();
        value
    }

    fn store(&self, value: i64, order: Ordering) {
        self.value.store(value, order);
    }

    fn fetch_add(&self, value: i64, order: Ordering) -> i64 {
        self.value.fetch_add(value, order)
    }

    fn compare_exchange(
        &self,
        current: i64,
        new: i64,
        success: Ordering,
        failure: Ordering,
    ) -> Result<i64, i64> {
        let result =
            self.value.compare_exchange(current, new, success, failure);
        if result.is_err() {
            let failures = self.failures.fetch_add(1, Ordering::SeqCst) + 1;
            assert!(
                failures < 1000,
                "compare_exchange failed 1000 times in a row: does add_one try \
                 again with the number it read first? The Err holds the one \
                 the counter has now"
            );
            self.rival_gets_in();
        }
        result
    }
}

#[test]
fn ex3_a_writer_that_gets_in_is_neither_lost_nor_missed() {
    let counter = Arc::new(Interfering::new(41, 3));
    let shared = Arc::clone(&counter);
    let retries =
        within(SHORT, "add_one never returned", move || add_one(&*shared));
    let rival = counter.rival_added.load(Ordering::SeqCst);
    let failures = counter.failures.load(Ordering::SeqCst);
    assert_eq!(
        counter.value.load(Ordering::SeqCst),
        41 + rival + 1,
        "from 41, another writer added {rival} while add_one added 1: an \
         increment was lost"
    );
    assert!(
        rival > 0,
        "add_one never read the counter, so nobody could get in between: \
         fetch_add cannot tell how often it had to try again"
    );
    assert!(
        retries > 0,
        "another writer got in right after add_one read the counter, and \
         add_one reported no retry: does it notice?"
    );
    assert_eq!(
        retries,
        u64::from(failures),
        "compare_exchange failed {failures} times: each failure is a retry"
    );
}

/// What `watch` saw, checked: it read while the child counted. The count
/// takes milliseconds, so a machine busy with other programs can keep the
/// parent off the CPU for all of it: up to 5 runs, to see one in which it was
/// not. An answer that never reads during the count fails all 5.
fn watched() -> Seen {
    let mut seen = watch_once();
    for _ in 1..5 {
        if seen.different > 2 {
            break;
        }
        seen = watch_once();
    }
    println!(
        "The parent read the value {} times and saw {} different numbers; \
         did they ever go down? {}.",
        seen.reads,
        seen.different,
        if seen.went_down { "yes" } else { "no" }
    );
    assert!(
        seen.different > 2,
        "{seen:?}: the parent saw {} different number(s); read while the \
         child counts, not only before it starts or after it ends",
        seen.different
    );
    assert!(seen.different <= seen.reads, "{seen:?}");
    seen
}

fn watch_once() -> Seen {
    within(LIMIT, "watch never returned", || {
        watch(lesson_role("ex4-count"))
    })
    .unwrap()
}

#[test]
fn ex4_the_measurement_watches_the_child_count() {
    let seen = watched();
    assert!(
        !seen.went_down,
        "{seen:?}: one value with one writer never goes back to an older \
         number; if you saw it go down, look at how you compare"
    );
}

#[test]
fn ex4_the_predictions_meet_the_measurement() {
    let guess = predictions();
    let seen = watched();
    println!(
        "You predicted: goes down: {}, every number seen: {}.",
        guess.goes_down, guess.sees_every_number
    );
    assert_eq!(
        guess.goes_down, seen.went_down,
        "did the numbers go down? you said {}; they did not",
        guess.goes_down
    );
    let every = seen.different >= COUNT;
    assert_eq!(
        guess.sees_every_number, every,
        "every number seen? you said {}; {} of {COUNT} were",
        guess.sees_every_number, seen.different
    );
}
