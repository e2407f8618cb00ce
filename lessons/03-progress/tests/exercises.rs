//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 03` runs them on your answers in `exercises/`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::unbounded;
use lesson_03::ex1_watch::watch;
use lesson_03::ex2_events::{Event, Failure, follow};
use lesson_03::ex3_deadline::{Partial, sum_with_deadline};

/// Ten steps of 30 ms, raising the counter after each.
fn ten_steps(progress: &AtomicU32) -> u64 {
    for _ in 0..10 {
        thread::sleep(Duration::from_millis(30));
        progress.fetch_add(1, Ordering::Relaxed);
    }
    55
}

#[test]
fn ex1_progress_is_seen_while_the_work_runs() {
    let (result, seen) = watch(ten_steps, Duration::from_millis(5));
    assert_eq!(result, 55, "watch must return what the work returned");
    assert_eq!(
        seen.last(),
        Some(&10),
        "the last value is the final count: {seen:?}"
    );
    assert!(
        seen.iter().any(|&n| n > 0 && n < 10),
        "no value between 0 and 10 was seen, so nobody looked while the work ran: {seen:?}"
    );
    assert!(
        seen.windows(2).all(|pair| pair[0] <= pair[1]),
        "the values must be in the order they were read: {seen:?}"
    );
}

#[test]
fn ex1_the_work_runs_on_another_thread() {
    let caller = thread::current().id();
    let (on_caller, _) = watch(
        |progress| {
            progress.store(1, Ordering::Relaxed);
            u64::from(thread::current().id() == caller)
        },
        Duration::from_millis(1),
    );
    assert_eq!(on_caller, 0, "the work ran on the calling thread");
}

#[test]
fn ex2_events_are_followed_to_the_result() {
    let (sender, events) = unbounded();
    let worker = thread::spawn(move || {
        for n in 1..=5 {
            thread::sleep(Duration::from_millis(5));
            sender.send(Event::Progress(n)).unwrap();
        }
        sender.send(Event::Finished(42)).unwrap();
    });
    let outcome = follow(events, Duration::from_secs(10));
    worker.join().unwrap();
    assert_eq!(outcome, Ok((vec![1, 2, 3, 4, 5], 42)));
}

#[test]
fn ex2_a_vanished_worker_is_noticed_at_once() {
    let (sender, events) = unbounded();
    thread::spawn(move || {
        sender.send(Event::Progress(1)).unwrap();
        // The worker ends here without a result; its sender is dropped.
    });
    let started = Instant::now();
    assert_eq!(
        follow(events, Duration::from_secs(20)),
        Err(Failure::Vanished)
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "a closed channel must end the wait, not the patience running out"
    );
}

#[test]
fn ex2_a_silent_worker_is_given_up_on() {
    let (sender, events) = unbounded::<Event>();
    // A stuck worker: it keeps its sender but sends nothing for a long while.
    thread::spawn(move || {
        thread::sleep(Duration::from_secs(3));
        drop(sender);
    });
    let started = Instant::now();
    assert_eq!(
        follow(events, Duration::from_millis(200)),
        Err(Failure::Silent)
    );
    assert!(
        started.elapsed() < Duration::from_millis(2_500),
        "follow waited {:?}, far past its 200 ms patience",
        started.elapsed()
    );
}

#[test]
fn ex3_a_quick_job_finishes_without_waiting_for_the_deadline() {
    let started = Instant::now();
    let partial = sum_with_deadline(
        vec![1, 2, 3, 4],
        Duration::from_millis(1),
        Duration::from_secs(10),
    );
    assert_eq!(
        partial,
        Partial {
            sum: 10,
            processed: 4,
            stopped: false
        }
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the job was done in a few ms, but main waited {:?}",
        started.elapsed()
    );
}

#[test]
fn ex3_a_slow_job_stops_at_the_deadline_and_keeps_its_work() {
    let items: Vec<u64> = (1..=100).collect();
    let started = Instant::now();
    let partial = sum_with_deadline(items, Duration::from_millis(20), Duration::from_millis(200));
    let took = started.elapsed();
    assert!(
        partial.stopped,
        "100 items of 20 ms cannot finish in 200 ms: {partial:?}"
    );
    assert!(
        partial.processed > 0 && partial.processed < 100,
        "it should stop part-way: {partial:?}"
    );
    let n = partial.processed as u64;
    assert_eq!(
        partial.sum,
        n * (n + 1) / 2,
        "the sum must be exactly that of the first {n} items"
    );
    assert!(
        took < Duration::from_millis(1_500),
        "it took {took:?} to stop a job with a 200 ms deadline"
    );
}
