//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 08` runs them on your answers in `exercises/`.

use std::collections::HashMap;
use std::thread;
use std::time::{Duration, Instant};

use lesson_08::ex1_letter_counts::letter_counts;
use lesson_08::ex2_deadline::with_deadline;
use lesson_08::ex3_pool_map::pool_map;
use lesson_08::handmade::Pool;

// Exercise 1's tests check the counts, not that they were made in parallel: a
// one-thread loop passes them too. The point is to write it with fold and reduce.

#[test]
fn ex1_small_text() {
    let lines = vec!["Pool map".to_string(), "a Pool!".to_string()];
    let counts = letter_counts(&lines);
    let expected: HashMap<char, usize> = [('p', 3), ('o', 4), ('l', 2), ('m', 1), ('a', 2)]
        .into_iter()
        .collect();
    assert_eq!(counts, expected, "letters only, 'P' counted as 'p'");
    assert!(letter_counts(&[]).is_empty());
}

#[test]
fn ex1_matches_a_one_thread_count() {
    let lines = lesson_08::reduce::sample_text(5_000, 8);
    let mut expected = HashMap::new();
    for c in lines
        .iter()
        .flat_map(|l| l.chars())
        .filter(|c| c.is_alphabetic())
    {
        *expected.entry(c).or_insert(0) += 1;
    }
    assert_eq!(letter_counts(&lines), expected);
}

#[test]
fn ex2_a_fast_result_comes_back() {
    let started = Instant::now();
    assert_eq!(with_deadline(|| 6 * 7, Duration::from_secs(20)), Some(42));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the result was there at once: do not wait for the whole deadline"
    );
}

#[test]
fn ex2_a_slow_result_is_given_up_on() {
    let started = Instant::now();
    let result = with_deadline(
        || {
            thread::sleep(Duration::from_secs(5));
            "late"
        },
        Duration::from_millis(100),
    );
    assert_eq!(result, None, "the work takes 5 s, the deadline is 100 ms");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "waited {:?}: give up at the deadline, do not join the worker",
        started.elapsed()
    );
}

fn slow_square(n: u64) -> u64 {
    // The larger the number, the sooner it is done: arrival order is not input order.
    thread::sleep(Duration::from_millis(50 - 5 * n));
    assert!(
        thread::current()
            .name()
            .is_some_and(|name| name.starts_with("pool-worker-")),
        "work must run on the pool's threads"
    );
    n * n
}

#[test]
fn ex3_results_keep_the_input_order() {
    let pool = Pool::new(4).unwrap();
    // Out of order on purpose: sorting the answers cannot put them back.
    assert_eq!(
        pool_map(&pool, vec![5, 3, 8, 1, 7, 2, 6, 4], slow_square),
        [25, 9, 64, 1, 49, 4, 36, 16],
        "answer i must be work(items[i])"
    );
    assert!(pool_map(&pool, Vec::new(), slow_square).is_empty());
}

#[test]
fn ex3_the_pool_runs_the_jobs_at_once() {
    let pool = Pool::new(4).unwrap();
    let started = Instant::now();
    let squares = pool_map(&pool, vec![0; 8], |n| {
        thread::sleep(Duration::from_millis(200));
        n
    });
    assert_eq!(squares.len(), 8);
    // One at a time: 1.6 s. Four at a time: 0.4 s. The bound leaves room for a busy machine.
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "8 jobs of 200 ms on 4 workers took {:?}: did you wait for each job?",
        started.elapsed()
    );
}
