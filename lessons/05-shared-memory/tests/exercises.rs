//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 05` runs them on your answers in `exercises/`.
//!
//! Each worker thread opens its OWN mapping of the segment, by its handle, as a
//! child process would: the memory is shared the same way.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::thread;

use course_kit::shm::{SharedArray, SharedValue};
use lesson_05::ex1_histogram::count_into;
use lesson_05::ex2_compare_exchange::add_one;
use lesson_05::ex3_best_score::report;

#[test]
fn ex1_every_value_lands_in_its_bucket() {
    let buckets = SharedArray::<AtomicU64>::create(10).unwrap();
    count_into(buckets.handle(), &[0, 9, 10, 55, 99, 99]).unwrap();
    let counts: Vec<u64> = buckets.iter().map(|b| b.load(Ordering::SeqCst)).collect();
    assert_eq!(counts, [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
}

#[test]
fn ex1_four_workers_lose_no_count() {
    let buckets = SharedArray::<AtomicU64>::anonymous(10).unwrap();
    let values: Vec<u64> = (0..50_000).map(|n| n % 100).collect();
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| count_into(buckets.handle(), &values).unwrap());
        }
    });
    let counts: Vec<u64> = buckets.iter().map(|b| b.load(Ordering::SeqCst)).collect();
    assert_eq!(counts, [20_000; 10], "4 workers x 5000 values per bucket");
}

#[test]
fn ex2_no_increment_is_lost() {
    let counter = SharedValue::<AtomicI64>::anonymous().unwrap();
    let retries: u64 = thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let mine = SharedValue::<AtomicI64>::open(counter.handle()).unwrap();
                    (0..50_000).map(|_| add_one(&mine)).sum::<u64>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    assert_eq!(counter.load(Ordering::SeqCst), 200_000, "{retries} retries");
}

#[test]
fn ex2_no_retry_without_contention() {
    let counter = AtomicI64::new(41);
    assert_eq!(add_one(&counter), 0);
    assert_eq!(counter.load(Ordering::SeqCst), 42);
}

#[test]
fn ex3_only_a_better_score_is_a_record() {
    let best = AtomicI64::new(i64::MIN);
    assert!(report(&best, 10));
    assert!(!report(&best, 7));
    assert!(!report(&best, 10), "a tie is not a new record");
    assert!(report(&best, 12));
    assert_eq!(best.load(Ordering::SeqCst), 12);
}

#[test]
fn ex3_the_best_of_many_workers_wins() {
    let best = SharedValue::<AtomicI64>::anonymous().unwrap();
    let records: usize = thread::scope(|s| {
        let workers: Vec<_> = (0..4_i64)
            .map(|w| {
                let best = &best;
                s.spawn(move || {
                    let mine = SharedValue::<AtomicI64>::open(best.handle()).unwrap();
                    (0..10_000).filter(|i| report(&mine, i * 4 + w)).count()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    assert_eq!(best.load(Ordering::SeqCst), 39_999);
    assert!(records >= 1, "someone set the final record");
}
