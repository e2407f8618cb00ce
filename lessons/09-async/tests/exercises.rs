//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 09` runs them on your answers in `exercises/`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use lesson_09::ex1_gather::check_all;
use lesson_09::ex2_limited::run_limited;
use lesson_09::ex3_off_the_runtime::{checksum, checksum_async};

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
    let results = runtime().block_on(check_all(names));
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
    let started = Instant::now();
    let results = runtime().block_on(check_all(names));
    assert_eq!(results.len(), 10);
    // Nine-letter names wait 60 ms. One after another: 600 ms. Together: about 60 ms.
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "10 checks of 60 ms took {:?}: are they awaited one at a time?",
        started.elapsed()
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
            tokio::time::sleep(Duration::from_millis(70 - 5 * job)).await;
            running.fetch_sub(1, Ordering::SeqCst);
            job * 10
        }
    };
    let results = runtime().block_on(run_limited((1..=12).collect(), 3, work));
    assert_eq!(results, (1..=12).map(|j| j * 10).collect::<Vec<_>>());
    assert_eq!(
        peak.load(Ordering::SeqCst),
        3,
        "3 at a time, not more and not fewer"
    );
}

#[test]
fn ex2_the_limit_is_used() {
    let started = Instant::now();
    let work = |job: u64| async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        job
    };
    let results = runtime().block_on(run_limited((0..8).collect(), 4, work));
    assert_eq!(results, (0..8).collect::<Vec<_>>());
    // 8 jobs of 100 ms, 4 at a time: about 200 ms. One at a time: 800 ms.
    assert!(
        started.elapsed() < Duration::from_millis(650),
        "took {:?}: are the jobs run one at a time?",
        started.elapsed()
    );
}

#[test]
fn ex3_same_answer_as_the_plain_function() {
    let data: Vec<u8> = (0..=255).collect();
    let expected = checksum(&data, 3);
    assert_eq!(runtime().block_on(checksum_async(data, 3)), expected);
}

#[test]
fn ex3_other_tasks_keep_running() {
    let data = vec![7u8; 1 << 20];
    let runtime = runtime();
    let ticks = runtime.block_on(async {
        let ticks = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&ticks);
        let ticker = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(5)).await;
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        let started = Instant::now();
        checksum_async(data, 400).await;
        let took = started.elapsed();
        ticker.abort();
        (ticks.load(Ordering::Relaxed), took)
    });
    let (ticks, took) = ticks;
    assert!(
        took > Duration::from_millis(50),
        "the checksum should take a while: {took:?}"
    );
    // Ticking every 5 ms: a free runtime ticks many times; a blocked one never.
    assert!(
        ticks >= 3,
        "the ticker ticked {ticks} times in {took:?}: the checksum blocked the runtime"
    );
}
