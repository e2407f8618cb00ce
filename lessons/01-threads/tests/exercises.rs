//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 01` runs them on your answers in `exercises/`.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use lesson_01::ex1_named_workers::spawn_named_workers;
use lesson_01::ex2_shared_list::fill_shared_list;
use lesson_01::ex3_chunks::map_chunks;
use lesson_01::ex4_speedup::{COMPUTING, Speedup, WAITING, speedup};
use lesson_01::speed::is_prime;

/// What each call of `see_myself` saw: the worker number it was given, and
/// the name and id of the thread it ran on.
static SEEN: Mutex<Vec<(usize, Option<String>, ThreadId)>> =
    Mutex::new(Vec::new());

fn see_myself(worker: usize) {
    let me = thread::current();
    let name = me.name().map(str::to_string);
    SEEN.lock().unwrap().push((worker, name, me.id()));
}

#[test]
fn ex1_each_worker_runs_on_a_thread_with_its_name() {
    let reports = spawn_named_workers(5, see_myself);
    let mut seen = SEEN.lock().unwrap().clone();
    seen.sort_by_key(|(worker, _, _)| *worker);
    let workers: Vec<usize> =
        seen.iter().map(|(worker, _, _)| *worker).collect();
    assert_eq!(
        workers,
        [1, 2, 3, 4, 5],
        "`work` is called once per worker, with the worker's number"
    );
    for (worker, name, _) in &seen {
        assert_eq!(
            name.as_deref(),
            Some(format!("worker-{worker}").as_str()),
            "worker {worker}'s work ran on a thread named {name:?}: the thread \
             itself must have the name, not only its report"
        );
    }
    assert_eq!(reports.len(), 5);
    for (report, (worker, _, id)) in reports.iter().zip(&seen) {
        assert_eq!(report.name, format!("worker-{worker}"), "{reports:?}");
        assert_eq!(
            report.id, *id,
            "report {worker} must carry the id of the thread that did worker \
             {worker}'s work"
        );
    }
}

#[test]
fn ex1_each_worker_is_its_own_thread() {
    let reports = spawn_named_workers(4, |_| {});
    let ids: HashSet<_> = reports.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), 4, "four workers should be four threads");
    assert!(
        !ids.contains(&thread::current().id()),
        "a report carries the calling thread's id, not a worker's"
    );
    let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["worker-1", "worker-2", "worker-3", "worker-4"]);
}

#[test]
fn ex1_workers_run_at_the_same_time() {
    let start = Instant::now();
    let reports =
        spawn_named_workers(4, |_| thread::sleep(Duration::from_millis(200)));
    let took = start.elapsed();
    assert_eq!(reports.len(), 4);
    // At the same time: about 200 ms. One after the other: 800 ms or more.
    assert!(
        took < Duration::from_millis(600),
        "4 workers of 200 ms took {took:?}: were they started one at a time?"
    );
}

#[test]
fn ex2_no_number_is_lost_or_doubled() {
    // Many pushes from many threads at once, several times over: an update
    // that is not one step under the lock loses numbers in every run.
    for _ in 0..3 {
        let list = fill_shared_list(8, 2_000);
        assert_eq!(list.len(), 16_000, "8 workers x 2000 numbers");
        assert!(
            list.iter().copied().eq(0..16_000),
            "expected 0..16000 in order, got {:?}...",
            &list[..list.len().min(10)]
        );
    }
}

#[test]
fn ex2_small_cases() {
    assert_eq!(fill_shared_list(1, 3), [0, 1, 2]);
    assert_eq!(fill_shared_list(3, 1), [0, 1, 2]);
    // Worker 0 pushes 0, 2, 4; worker 1 pushes 1, 3, 5: sorted, they
    // interleave.
    assert_eq!(fill_shared_list(2, 3), [0, 1, 2, 3, 4, 5]);
    assert!(fill_shared_list(0, 5).is_empty());
}

#[test]
fn ex3_chunks_have_one_size_and_results_keep_chunk_order() {
    let data: Vec<u64> = (1..=10).collect();
    // Chunks of 3: [1,2,3] [4,5,6] [7,8,9] [10]. The first chunk sleeps
    // longest, so it finishes last.
    let firsts = map_chunks(&data, 4, |chunk| {
        thread::sleep(Duration::from_millis(100 * (10 - chunk[0]) / 3));
        chunk[0]
    });
    assert_eq!(firsts, [1, 4, 7, 10], "each chunk's first number");
    assert_eq!(map_chunks(&data, 1, |chunk| chunk.iter().sum()), [55]);
    let lengths = map_chunks(&data[..3], 8, |chunk| chunk.len() as u64);
    assert_eq!(lengths, [1, 1, 1], "3 numbers on 8 threads: 3 chunks of 1");
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
        "the chunks ran one at a time"
    );
}

/// The ex4 tests measure time, and one of them keeps every CPU busy: they take
/// turns, so that none of them measures another's load.
static EX4_ALONE: Mutex<()> = Mutex::new(());

fn ex4_alone() -> MutexGuard<'static, ()> {
    EX4_ALONE.lock().unwrap_or_else(PoisonError::into_inner)
}

#[test]
fn ex4_waiting_work_speeds_up_with_every_copy() {
    let _alone = ex4_alone();
    let calls = AtomicUsize::new(0);
    let ratio = speedup(8, || {
        calls.fetch_add(1, Ordering::SeqCst);
        thread::sleep(Duration::from_millis(100));
    });
    assert_eq!(
        calls.load(Ordering::SeqCst),
        16,
        "8 calls in a row, then 8 on threads"
    );
    // Ideally 8: eight waits overlap completely; on a busy machine the
    // threads wake late, but copies that take turns stay near 1. Never far
    // above 8: the threads' time cannot be shorter than one 100 ms wait, and
    // the 800 ms in a row can grow only by how late each sleeper wakes. A
    // clock stopped before the threads end gives thousands.
    assert!(
        ratio > 2.0,
        "eight 100 ms waits on threads: expected about 8x, got {ratio:.2}x \
         (do the copies run at the same time?)"
    );
    assert!(
        ratio < 40.0,
        "eight 100 ms waits on threads: expected about 8x, got {ratio:.2}x \
         (does the clock stop after the last thread has finished?)"
    );
}

#[test]
fn ex4_one_copy_is_no_faster() {
    let _alone = ex4_alone();
    let calls = AtomicUsize::new(0);
    let ratio = speedup(1, || {
        calls.fetch_add(1, Ordering::SeqCst);
        thread::sleep(Duration::from_millis(100));
    });
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "once in a row, once on a thread"
    );
    // The copy on a thread sleeps its 100 ms too, so it cannot be much faster
    // than the one in a row, which can only be late by how late it woke. (No
    // lower bound: on a busy machine the thread may start late.)
    assert!(
        ratio < 3.0,
        "one copy cannot be faster on a thread: expected about 1x, got \
         {ratio:.2}x (does the clock stop after the thread has finished?)"
    );
}

/// A job that only computes: about 10 to 50 ms of counting primes.
fn count_some_primes() {
    let primes = (0..30_000).filter(|&n| is_prime(n)).count();
    assert_eq!(primes, 3245);
}

#[test]
fn ex4_the_predictions_meet_the_measurements() {
    let _alone = ex4_alone();
    let cpus = thread::available_parallelism().map_or(1, |n| n.get());
    let copies = 4 * cpus;
    let (Some(waiting), Some(computing)) = (WAITING, COMPUTING) else {
        panic!("write your predictions in WAITING and COMPUTING first");
    };
    let waited = speedup(copies, || thread::sleep(Duration::from_millis(100)));
    let computed = speedup(copies, count_some_primes);
    let truth = format!(
        "measured with {copies} copies on {cpus} CPUs: waiting {waited:.1}x \
         faster on threads, computing {computed:.1}x"
    );
    println!("{truth}");
    assert_eq!(
        waiting,
        Speedup::EveryCopy,
        "you predicted {waiting:?} for waiting work; {truth}. A sleeping \
         thread needs no CPU, so every copy can wait at once."
    );
    let computing_right = computing == Speedup::TheCpus
        || (cpus == 1 && computing == Speedup::None);
    assert!(
        computing_right,
        "you predicted {computing:?} for computing work; {truth}. A computing \
         thread needs a CPU the whole time: past {cpus} threads, they take turns."
    );
}
