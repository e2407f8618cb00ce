//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 01` runs them on your answers in `exercises/`.

use std::collections::HashSet;
use std::sync::Mutex;
use std::thread;

use lesson_01::ex1_named_workers::spawn_named_workers;
use lesson_01::ex2_shared_list::fill_shared_list;
use lesson_01::ex3_chunks::map_chunks;

#[test]
fn ex1_workers_are_named_in_order() {
    let names: Vec<String> = spawn_named_workers(4).into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["worker-1", "worker-2", "worker-3", "worker-4"]);
}

#[test]
fn ex1_each_worker_is_its_own_thread() {
    let reports = spawn_named_workers(5);
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
