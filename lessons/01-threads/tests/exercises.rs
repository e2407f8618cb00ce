//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 01` runs them on your answers in `exercises/`.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use lesson_01::ex1_named_workers::spawn_named_workers;
use lesson_01::ex2_shared_list::fill_shared_list;
use lesson_01::ex3_chunks::map_chunks;
use lesson_01::ex4_speedup::speedup;

#[test]
fn ex1_workers_are_named_in_order() {
    let names: Vec<String> = spawn_named_workers(4, Duration::ZERO)
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["worker-1", "worker-2", "worker-3", "worker-4"]);
}

#[test]
fn ex1_each_worker_is_its_own_thread() {
    let reports = spawn_named_workers(5, Duration::ZERO);
    let ids: HashSet<_> = reports.iter().map(|r| r.id).collect();
    assert_eq!(
        ids.len(),
        5,
        "five workers should be five different threads"
    );
    assert!(
        !ids.contains(&thread::current().id()),
        "a report came from the calling thread, not from a worker"
    );
}

#[test]
fn ex1_workers_run_at_the_same_time() {
    let start = Instant::now();
    let reports = spawn_named_workers(4, Duration::from_millis(200));
    let took = start.elapsed();
    assert_eq!(reports.len(), 4);
    // At the same time: about 200 ms. One after the other: 800 ms or more.
    assert!(
        took < Duration::from_millis(600),
        "4 workers of 200 ms took {took:?}: were they started one at a time?"
    );
}

#[test]
fn ex2_every_number_arrives_once() {
    let list = fill_shared_list(8, 250);
    assert_eq!(list.len(), 2000, "8 workers x 250 numbers");
    assert!(
        list.iter().copied().eq(0..2000),
        "expected 0..2000 in order, got {:?}...",
        &list[..list.len().min(10)]
    );
}

#[test]
fn ex2_small_cases() {
    assert_eq!(fill_shared_list(1, 3), [0, 1, 2]);
    assert_eq!(fill_shared_list(3, 1), [0, 1, 2]);
    assert!(fill_shared_list(0, 5).is_empty());
}

#[test]
fn ex3_results_come_back_in_chunk_order() {
    let data: Vec<u64> = (1..=10).collect();
    // Chunks of 3: [1,2,3] [4,5,6] [7,8,9] [10]; `work` returns each chunk's first number.
    assert_eq!(map_chunks(&data, 4, |chunk| chunk[0]), [1, 4, 7, 10]);
    assert_eq!(map_chunks(&data, 1, |chunk| chunk.iter().sum()), [55]);
    assert!(map_chunks(&[], 3, |chunk| chunk.len() as u64).is_empty());
}

#[test]
fn ex3_every_chunk_runs_on_its_own_thread() {
    let data: Vec<u64> = (0..1000).collect();
    let seen = Mutex::new(HashSet::new());
    let sums = map_chunks(&data, 4, |chunk| {
        seen.lock().unwrap().insert(thread::current().id());
        chunk.iter().sum()
    });
    assert_eq!(sums.iter().sum::<u64>(), 499_500);
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), 4, "4 chunks should run on 4 different threads");
    assert!(
        !seen.contains(&thread::current().id()),
        "a chunk ran on the calling thread"
    );
}

#[test]
fn ex3_chunks_run_at_the_same_time() {
    let data: Vec<u64> = (0..40).collect();
    let running = AtomicUsize::new(0);
    let most = AtomicUsize::new(0);
    map_chunks(&data, 4, |chunk| {
        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(now, Ordering::SeqCst);
        thread::sleep(Duration::from_millis(100));
        running.fetch_sub(1, Ordering::SeqCst);
        chunk.len() as u64
    });
    assert!(
        most.load(Ordering::SeqCst) > 1,
        "the chunks ran one at a time: spawn them all before joining any"
    );
}

#[test]
fn ex4_waiting_work_speeds_up_with_every_copy() {
    let calls = AtomicUsize::new(0);
    let ratio = speedup(4, || {
        calls.fetch_add(1, Ordering::SeqCst);
        thread::sleep(Duration::from_millis(100));
    });
    assert_eq!(
        calls.load(Ordering::SeqCst),
        8,
        "4 calls in a row, then 4 on threads"
    );
    // Ideally 4.0: four waits overlap completely.
    assert!(
        ratio > 2.5,
        "four 100 ms waits on threads: expected about 4x, got {ratio:.2}x"
    );
}

#[test]
fn ex4_one_copy_is_no_faster() {
    let ratio = speedup(1, || thread::sleep(Duration::from_millis(100)));
    assert!(
        (0.5..1.5).contains(&ratio),
        "one copy cannot be faster on a thread: expected about 1x, got {ratio:.2}x"
    );
}
