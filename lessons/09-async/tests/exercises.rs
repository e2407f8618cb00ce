//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 09` runs them on your answers in `exercises/`.
//!
//! Most run on a paused clock: tokio's time stands still while any task can
//! run, and jumps to the next timer when every task waits. A 60 ms sleep then
//! takes exactly 60 ms of the runtime's time, however busy the machine is.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

use course_test::deadline::within;
use tokio::time::{Instant, sleep};

use lesson_09::ex1_gather::check_all;
use lesson_09::ex2_limited::run_limited;
use lesson_09::ex3_readings::readings;
use lesson_09::ex4_pipeline::pipeline;

const LIMIT: Duration = Duration::from_secs(10);

/// A one-thread runtime whose clock moves only when every task waits.
fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
}

/// A one-thread runtime on the real clock.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn ex1_every_result_in_order() {
    let names: Vec<String> = ["api", "down-db", "cache", "down-mail"]
        .map(String::from)
        .into();
    // The longest name is checked first: "api" comes back last.
    let results = paused_runtime().block_on(check_all(names));
    assert_eq!(
        results,
        [
            Ok("api is up".to_string()),
            Err("down-db is down".to_string()),
            Ok("cache is up".to_string()),
            Err("down-mail is down".to_string()),
        ]
    );
}

#[test]
fn ex1_checks_run_at_the_same_time() {
    let names: Vec<String> = (0..10).map(|i| format!("service-{i}")).collect();
    let took = paused_runtime().block_on(async {
        let started = Instant::now();
        let results = check_all(names).await;
        assert_eq!(results.len(), 10);
        started.elapsed()
    });
    // Nine-letter names wait 60 ms. One after another: 600 ms. Together: 60 ms.
    assert!(
        took < Duration::from_millis(100),
        "10 checks of 60 ms took {took:?}: are they awaited one at a time?"
    );
}

#[test]
fn ex2_never_more_than_the_limit() {
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (r, p) = (Arc::clone(&running), Arc::clone(&peak));
    let work = move |job: u64| {
        let (running, peak) = (Arc::clone(&r), Arc::clone(&p));
        async move {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            // Later jobs are quicker, so they finish out of order.
            sleep(Duration::from_millis(70 - 5 * job)).await;
            running.fetch_sub(1, Ordering::SeqCst);
            job * 10
        }
    };
    let results =
        paused_runtime().block_on(run_limited((1..=12).collect(), 3, work));
    assert_eq!(results, (1..=12).map(|j| j * 10).collect::<Vec<_>>());
    assert_eq!(
        peak.load(Ordering::SeqCst),
        3,
        "3 at a time, not more and not fewer"
    );
}

#[test]
fn ex2_a_freed_place_is_used_at_once() {
    // Job 0 takes 100 ms, the others 10 ms each. With 2 places, job 0 keeps
    // one for 100 ms while jobs 1 to 5 pass through the other: 100 ms in all.
    let work = |job: u64| async move {
        sleep(Duration::from_millis(if job == 0 { 100 } else { 10 })).await;
        job
    };
    let (results, took) = paused_runtime().block_on(async {
        let started = Instant::now();
        let results = run_limited((0..6).collect(), 2, work).await;
        (results, started.elapsed())
    });
    assert_eq!(results, (0..6).collect::<Vec<_>>());
    assert!(
        took >= Duration::from_millis(100),
        "took {took:?}: job 0 alone takes 100 ms"
    );
    assert!(
        took < Duration::from_millis(110),
        "took {took:?}, not 100 ms: a place stood empty while jobs waited \
         (batches of `limit` wait for their slowest job)"
    );
}

/// Readings 0, 1, 2, ... up to `end`, noting the threads that read them and
/// how many were taken. Each reading blocks for `block`.
struct Sensor {
    next: u64,
    end: u64,
    block: Duration,
    taken: Arc<AtomicUsize>,
    read_on: Arc<Mutex<Vec<ThreadId>>>,
    dropped: Arc<AtomicBool>,
}

impl Sensor {
    fn new(end: u64, block: Duration) -> Self {
        Self {
            next: 0,
            end,
            block,
            taken: Arc::default(),
            read_on: Arc::default(),
            dropped: Arc::default(),
        }
    }
}

impl Iterator for Sensor {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        self.read_on.lock().unwrap().push(thread::current().id());
        if self.next == self.end {
            return None;
        }
        thread::sleep(self.block); // a blocking read, as a real sensor's
        self.taken.fetch_add(1, Ordering::SeqCst);
        self.next += 1;
        Some(self.next - 1)
    }
}

impl Drop for Sensor {
    fn drop(&mut self) {
        self.dropped.store(true, Ordering::SeqCst);
    }
}

#[test]
fn ex3_every_reading_in_order() {
    let received = within(LIMIT, "the receiver never ended", || {
        runtime().block_on(async {
            let mut receiver = readings(Sensor::new(100, Duration::ZERO), 4);
            let mut received = Vec::new();
            while let Some(reading) = receiver.recv().await {
                received.push(reading);
            }
            received
        })
    });
    assert_eq!(received, (0..100).collect::<Vec<_>>());
}

#[test]
fn ex3_the_source_never_runs_on_the_runtime() {
    let sensor = Sensor::new(20, Duration::from_millis(1));
    let read_on = Arc::clone(&sensor.read_on);
    let received = within(LIMIT, "the receiver never ended", move || {
        // A one-thread runtime runs its tasks on the thread that calls
        // `block_on`: this one.
        let runtime_thread = thread::current().id();
        let received = runtime().block_on(async {
            let mut receiver = readings(sensor, 4);
            let mut received = 0;
            while receiver.recv().await.is_some() {
                received += 1;
            }
            received
        });
        let on_runtime = read_on
            .lock()
            .unwrap()
            .iter()
            .filter(|&&id| id == runtime_thread)
            .count();
        assert_eq!(
            on_runtime, 0,
            "the source's blocking `next` ran on the runtime's thread"
        );
        received
    });
    assert_eq!(received, 20);
}

#[test]
fn ex3_the_source_waits_for_the_receiver() {
    // As good as endless, but a source that reads it all at once still ends.
    let sensor = Sensor::new(100_000, Duration::ZERO);
    let taken = Arc::clone(&sensor.taken);
    let runtime = runtime();
    let most_ahead = runtime.block_on(async {
        let mut receiver = readings(sensor, 3);
        for _ in 0..2 {
            receiver.recv().await.expect("100000 readings");
        }
        // Receive nothing more for a while, and watch the source.
        let started = std::time::Instant::now();
        let mut most_ahead = 0;
        while started.elapsed() < Duration::from_millis(500) && most_ahead <= 4
        {
            most_ahead = most_ahead.max(taken.load(Ordering::SeqCst) - 2);
            // the runtime is not needed
            std::thread::sleep(Duration::from_millis(5));
        }
        most_ahead
    });
    // Do not wait for a source that may run for ever.
    runtime.shutdown_background();
    assert!(
        most_ahead <= 4,
        "with 2 readings received and a capacity of 3, the source took {most_ahead} \
         more: at most 3 waiting, plus 1 being handed over"
    );
}

#[test]
fn ex3_dropping_the_receiver_stops_the_source() {
    // 1000 s of readings: endless, as far as the test can tell.
    let sensor = Sensor::new(1_000_000, Duration::from_millis(1));
    let dropped = Arc::clone(&sensor.dropped);
    let runtime = runtime();
    within(LIMIT, "5 readings of 1 ms never came", move || {
        runtime.block_on(async {
            let mut receiver = readings(sensor, 2);
            for _ in 0..5 {
                receiver.recv().await.expect("1000000 readings");
            }
        }); // the receiver is dropped here
        runtime.shutdown_background();
    });
    let started = std::time::Instant::now();
    while !dropped.load(Ordering::SeqCst)
        && started.elapsed() < Duration::from_secs(5)
    {
        thread::sleep(Duration::from_millis(10));
    }
    assert!(
        dropped.load(Ordering::SeqCst),
        "5 s after the receiver was dropped, the source was still being read"
    );
}

/// Lines "line 0", "line 1", ... up to `end`, counting how many were taken.
struct Lines {
    next: usize,
    end: usize,
    taken: Arc<AtomicUsize>,
}

impl Lines {
    fn new(end: usize) -> (Self, Arc<AtomicUsize>) {
        let taken = Arc::new(AtomicUsize::new(0));
        let lines = Self {
            next: 0,
            end,
            taken: Arc::clone(&taken),
        };
        (lines, taken)
    }
}

impl Iterator for Lines {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.next == self.end {
            return None;
        }
        self.taken.fetch_add(1, Ordering::SeqCst);
        self.next += 1;
        Some(format!("line {}", self.next - 1))
    }
}

fn upper_case_lines(
    range: std::ops::Range<usize>,
) -> Vec<Result<String, String>> {
    range.map(|i| Ok(format!("LINE {i}"))).collect()
}

/// Runs `test` on a paused runtime, within the test's time limit.
fn on_paused_runtime<T: Send + 'static>(
    test: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    within(LIMIT, "the pipeline never returned", move || {
        paused_runtime().block_on(test)
    })
}

#[test]
fn ex4_every_line_in_order() {
    let results = on_paused_runtime(async {
        let (lines, _) = Lines::new(20);
        let (_stop, stop) = tokio::sync::oneshot::channel();
        // Later lines are quicker, so results come back out of order.
        let work = |line: String| async move {
            let number: u64 = line[5..].parse().unwrap();
            sleep(Duration::from_millis(100 - 5 * number)).await;
            Ok(line.to_uppercase())
        };
        pipeline(lines, 3, 2, work, stop).await
    });
    assert_eq!(results, upper_case_lines(0..20));
}

#[test]
fn ex4_errors_are_reported_in_place() {
    let results = on_paused_runtime(async {
        let (lines, _) = Lines::new(20);
        let (_stop, stop) = tokio::sync::oneshot::channel();
        // Every line whose number ends in 3 or 7 fails; the failures come
        // early and late, on different workers.
        let work = |line: String| async move {
            let number: u64 = line[5..].parse().unwrap();
            sleep(Duration::from_millis(10 + number % 4)).await;
            if number % 10 == 3 || number % 10 == 7 {
                Err(format!("{line}: no reading"))
            } else {
                Ok(line.to_uppercase())
            }
        };
        pipeline(lines, 3, 2, work, stop).await
    });
    let expected: Vec<Result<String, String>> = (0..20)
        .map(|i| match i % 10 {
            3 | 7 => Err(format!("line {i}: no reading")),
            _ => Ok(format!("LINE {i}")),
        })
        .collect();
    assert_eq!(
        results, expected,
        "every line in order, each failure in its place"
    );
}

#[test]
fn ex4_the_workers_work_at_once() {
    let peak = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&peak);
    let results = on_paused_runtime(async move {
        let (lines, _) = Lines::new(30);
        let (_stop, stop) = tokio::sync::oneshot::channel();
        let running = Arc::new(AtomicUsize::new(0));
        let work = move |line: String| {
            let (running, peak) = (Arc::clone(&running), Arc::clone(&seen));
            async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                sleep(Duration::from_millis(10)).await;
                running.fetch_sub(1, Ordering::SeqCst);
                Ok(line.to_uppercase())
            }
        };
        pipeline(lines, 4, 2, work, stop).await
    });
    assert_eq!(results, upper_case_lines(0..30));
    assert_eq!(
        peak.load(Ordering::SeqCst),
        4,
        "4 workers: 4 lines in `work` at once, not more and not fewer"
    );
}

#[test]
fn ex4_the_reader_waits_for_room() {
    let (taken_while_stuck, taken, results) = on_paused_runtime(async {
        let (lines, taken) = Lines::new(10_000);
        let (stop_now, stop) = tokio::sync::oneshot::channel();
        // Every call of `work` waits at this gate until the test opens it.
        let gate = Arc::new(tokio::sync::Semaphore::new(0));
        let shut = Arc::clone(&gate);
        let work = move |line: String| {
            let gate = Arc::clone(&shut);
            async move {
                let _pass = gate.acquire().await.unwrap();
                Ok(line.to_uppercase())
            }
        };
        let running = tokio::spawn(pipeline(lines, 3, 2, work, stop));
        sleep(Duration::from_secs(1)).await; // the workers are all stuck
        let taken_while_stuck = taken.load(Ordering::SeqCst);
        let _ = stop_now.send(());
        gate.add_permits(100_000);
        let results = running.await.unwrap();
        (taken_while_stuck, taken.load(Ordering::SeqCst), results)
    });
    assert!(
        taken_while_stuck <= 3 + 2 + 1,
        "with 3 workers stuck and room for 2 lines, the reader took \
         {taken_while_stuck} lines: it must wait for room"
    );
    assert_eq!(results, upper_case_lines(0..taken));
}

#[test]
fn ex4_stop_finishes_every_line_taken() {
    let work_started = Arc::new(AtomicUsize::new(0));
    let started = Arc::clone(&work_started);
    let (taken_at_stop, taken, results, started_at_return, started_later) =
        on_paused_runtime(async move {
            // Endless, as far as the test can tell: 50 ms of work per line.
            let (lines, taken) = Lines::new(1_000_000);
            let (stop_now, stop) = tokio::sync::oneshot::channel();
            let work = move |line: String| {
                started.fetch_add(1, Ordering::SeqCst);
                async move {
                    sleep(Duration::from_millis(50)).await;
                    Ok(line.to_uppercase())
                }
            };
            let running = tokio::spawn(pipeline(lines, 3, 2, work, stop));
            // Between two rounds of work: the workers are busy, the channel
            // full.
            sleep(Duration::from_millis(225)).await;
            let taken_at_stop = taken.load(Ordering::SeqCst);
            let _ = stop_now.send(());
            let results =
                tokio::time::timeout(Duration::from_secs(10), running)
                    .await
                    .expect("10 s after `stop`, the pipeline had not returned")
                    .unwrap();
            let started_at_return = work_started.load(Ordering::SeqCst);
            sleep(Duration::from_secs(1)).await;
            let started_later = work_started.load(Ordering::SeqCst);
            (
                taken_at_stop,
                taken.load(Ordering::SeqCst),
                results,
                started_at_return,
                started_later,
            )
        });
    assert_eq!(
        taken, taken_at_stop,
        "the reader took more lines after `stop` fired"
    );
    assert_eq!(
        results,
        upper_case_lines(0..taken),
        "{taken} lines were taken: every one must be finished and in the result"
    );
    assert_eq!(
        started_later, started_at_return,
        "work went on after pipeline returned: a task was left running"
    );
}
