//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 03` runs them on your answers in `exercises/`.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::unbounded;
use lesson_03::ex1_reporter::run_with_reporter;
use lesson_03::ex2_events::{Event, Failure, follow};
use lesson_03::ex3_deadline::{Partial, sum_with_deadline};
use lesson_03::ex4_first_bad_item::{Verdict, check_all};

/// Ten steps of 30 ms, raising the counter after each.
fn ten_steps(progress: &AtomicU32) -> u64 {
    for _ in 0..10 {
        thread::sleep(Duration::from_millis(30));
        progress.fetch_add(1, Ordering::Relaxed);
    }
    55
}

#[test]
fn ex1_progress_is_reported_while_the_work_runs() {
    let reported = Mutex::new(Vec::new());
    let result =
        run_with_reporter(ten_steps, Duration::from_millis(5), |count| {
            reported.lock().unwrap().push(count);
        });
    let reported = reported.into_inner().unwrap();
    assert_eq!(
        result, 55,
        "run_with_reporter returns what the work returned"
    );
    assert_eq!(
        reported.last(),
        Some(&10),
        "the last report is the final count: {reported:?}"
    );
    assert!(
        reported.iter().any(|&n| n > 0 && n < 10),
        "no count between 0 and 10 was reported, so nobody reported while the \
         work ran: {reported:?}"
    );
    assert!(
        reported.windows(2).all(|pair| pair[0] <= pair[1]),
        "the counts must be reported in the order they were read: {reported:?}"
    );
}

#[test]
fn ex1_the_last_report_comes_after_the_work_is_done() {
    // Four steps of 100 ms, looked at every 250 ms: no regular look falls
    // just after the last step, so only a report made once the work is done
    // can show the final count.
    let reported = Mutex::new(Vec::new());
    run_with_reporter(
        |progress| {
            for _ in 0..4 {
                thread::sleep(Duration::from_millis(100));
                progress.fetch_add(1, Ordering::Relaxed);
            }
            4
        },
        Duration::from_millis(250),
        |count| reported.lock().unwrap().push(count),
    );
    let reported = reported.into_inner().unwrap();
    assert_eq!(
        reported.last(),
        Some(&4),
        "once the work is done, the reporter reports the final count: {reported:?}"
    );
}

#[test]
fn ex1_the_work_runs_on_the_caller_and_the_reports_on_one_other_thread() {
    let caller = thread::current().id();
    let reporters = Mutex::new(HashSet::new());
    let on_caller = run_with_reporter(
        |progress| {
            thread::sleep(Duration::from_millis(50));
            progress.store(1, Ordering::Relaxed);
            u64::from(thread::current().id() == caller)
        },
        Duration::from_millis(5),
        |_| {
            reporters.lock().unwrap().insert(thread::current().id());
        },
    );
    assert_eq!(on_caller, 1, "the work must run on the calling thread");
    let reporters = reporters.into_inner().unwrap();
    assert_eq!(
        reporters.len(),
        1,
        "every report comes from one reporter thread"
    );
    assert!(
        !reporters.contains(&caller),
        "the reports came from the calling thread, not from a reporter thread"
    );
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
fn ex2_patience_is_for_each_silence_not_for_the_whole_run() {
    // News every 50 ms for about 600 ms, with a patience of 200 ms: no
    // silence is ever that long, though the whole run is three times longer.
    let (sender, events) = unbounded();
    let worker = thread::spawn(move || {
        for n in 1..=12 {
            thread::sleep(Duration::from_millis(50));
            sender.send(Event::Progress(n)).unwrap();
        }
        sender.send(Event::Finished(7)).unwrap();
    });
    let outcome = follow(events, Duration::from_millis(200));
    worker.join().unwrap();
    assert_eq!(
        outcome,
        Ok(((1..=12).collect(), 7)),
        "a worker that sends news every 50 ms is never silent for 200 ms"
    );
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
        Duration::from_secs(3),
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
        started.elapsed() < Duration::from_millis(1_500),
        "the job was done in a few ms, but main waited {:?}",
        started.elapsed()
    );
}

#[test]
fn ex3_a_slow_job_stops_at_the_deadline_and_keeps_its_work() {
    let items: Vec<u64> = (1..=100).collect();
    let started = Instant::now();
    let partial = sum_with_deadline(
        items,
        Duration::from_millis(20),
        Duration::from_millis(200),
    );
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

/// Items of 1000 and more are bad; checking one takes 10 ms.
fn slow_check(item: u32) -> bool {
    thread::sleep(Duration::from_millis(10));
    item < 1000
}

#[test]
fn ex4_good_batches_are_checked_to_the_end() {
    let batches: Vec<Vec<u32>> =
        (0..4).map(|b| (b * 10..b * 10 + 10).collect()).collect();
    assert_eq!(
        check_all(&batches, slow_check),
        Verdict {
            bad: None,
            checked: 40
        }
    );
    assert_eq!(
        check_all(&[vec![1, 2, 1_500, 4, 5]], slow_check),
        Verdict {
            bad: Some(1_500),
            checked: 3
        },
        "one batch: it stops at its bad item, which counts as checked"
    );
}

#[test]
fn ex4_one_bad_item_stops_every_batch() {
    // Batch 2's fourth item is bad. Batch 0 has a bad item far down, which
    // nobody should reach: everyone stops within a few items of the first.
    let mut batches: Vec<Vec<u32>> =
        (0..4).map(|_| (0..100).collect()).collect();
    batches[2][3] = 1_002;
    batches[0][60] = 2_000;
    let started = Instant::now();
    let verdict = check_all(&batches, slow_check);
    assert_eq!(
        verdict.bad,
        Some(1_002),
        "the bad item found first: {verdict:?}"
    );
    assert!(
        verdict.checked < 200,
        "{} of 400 items were checked: the others did not stop at the first \
         bad item ({:?})",
        verdict.checked,
        started.elapsed()
    );
}
