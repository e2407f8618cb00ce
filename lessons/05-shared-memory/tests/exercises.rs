//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 05` runs them on your answers in `exercises/`.
//!
//! Each worker thread opens its OWN mapping of the segment, by its handle, as a
//! child process would: the memory is shared the same way.

use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

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
    // Every value in one bucket, so the workers collide on it as often as they can;
    // several rounds, so a lucky round cannot hide a lost count.
    for round in 1..=10 {
        let buckets = SharedArray::<AtomicU64>::anonymous(10).unwrap();
        let values = vec![42_u64; 100_000];
        thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| count_into(buckets.handle(), &values).unwrap());
            }
        });
        let counts: Vec<u64> = buckets.iter().map(|b| b.load(Ordering::SeqCst)).collect();
        assert_eq!(
            counts,
            [0, 0, 0, 0, 400_000, 0, 0, 0, 0, 0],
            "round {round}: 4 workers x 100000 values in bucket 4"
        );
    }
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
fn ex2_a_retry_is_counted_when_another_writer_gets_in() {
    // Another worker adds all the time; sooner or later it writes between add_one's
    // read and its compare_exchange, and add_one must report that retry.
    let counter = AtomicI64::new(0);
    let stop = AtomicBool::new(false);
    let deadline = Instant::now() + Duration::from_secs(5);
    let (calls, retried) = thread::scope(|s| {
        s.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        let caller = s.spawn(|| {
            let mut calls = 0_u64;
            let mut retried = false;
            while !retried && Instant::now() < deadline {
                retried = add_one(&counter) > 0;
                calls += 1;
            }
            (calls, retried)
        });
        let result = caller.join(); // an Err if add_one panicked
        stop.store(true, Ordering::Relaxed); // the writer stops either way
        result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    assert!(
        retried,
        "{calls} calls beside a busy writer, and add_one never reported a retry: \
         does it use compare_exchange (not fetch_add), and count each failure?"
    );
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
fn ex3_each_record_is_claimed_once() {
    // Four workers, each with its own mapping, report the same scores 0..20000 at the
    // same moment. A score is a new record for exactly one of them: if two claim it,
    // both read the old best before either wrote.
    let best = SharedValue::<AtomicI64>::anonymous().unwrap();
    best.store(-1, Ordering::SeqCst);
    let start = Barrier::new(4);
    let mut claimed: Vec<i64> = thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let mine = SharedValue::<AtomicI64>::open(best.handle()).unwrap();
                    start.wait();
                    (0..20_000)
                        .filter(|&score| report(&mine, score))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert_eq!(best.load(Ordering::SeqCst), 19_999);
    let records = claimed.len();
    claimed.sort_unstable();
    claimed.dedup();
    assert_eq!(
        records,
        claimed.len(),
        "{} scores were claimed as a record by two workers",
        records - claimed.len()
    );
}

#[test]
fn ex3_a_record_is_never_lost() {
    // A rival keeps raising the best by 1000 with fetch_max, while `report` offers one
    // more than the best it just read. If `report` ever stores its score over the
    // rival's higher record, the best goes DOWN, and the rival sees it.
    let best = SharedValue::<AtomicI64>::anonymous().unwrap();
    let stop = AtomicBool::new(false);
    let (lost, reports) = thread::scope(|s| {
        let rival = s.spawn(|| {
            let mine = SharedValue::<AtomicI64>::open(best.handle()).unwrap();
            let mut floor = 0; // the best may never again be lower than this
            while !stop.load(Ordering::Relaxed) {
                let offered = mine.load(Ordering::SeqCst) + 1000;
                let before = mine.fetch_max(offered, Ordering::SeqCst);
                if before < floor {
                    stop.store(true, Ordering::Relaxed);
                    return Some((floor, before));
                }
                floor = floor.max(offered);
            }
            None
        });
        let reporter = s.spawn(|| {
            let mine = SharedValue::<AtomicI64>::open(best.handle()).unwrap();
            let started = Instant::now();
            let mut reports = 0_u64;
            while started.elapsed() < Duration::from_millis(500) && !stop.load(Ordering::Relaxed) {
                report(&mine, mine.load(Ordering::SeqCst) + 1);
                reports += 1;
            }
            reports
        });
        let reports = reporter.join(); // an Err if report panicked
        stop.store(true, Ordering::Relaxed); // the rival stops either way
        let lost = rival.join().unwrap();
        (
            lost,
            reports.unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    });
    if let Some((floor, seen)) = lost {
        panic!(
            "after {reports} reports the best went down from {floor} to {seen}: a report \
             stored its score over a higher one (a load, a comparison and a store?)"
        );
    }
}
