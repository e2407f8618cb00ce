//! The futex lock of part `processes`, tested between threads.

use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use lesson_07::futex_lock;
use lesson_07::shared_bank::cpu_time;

#[test]
fn only_one_holder_at_a_time() {
    let word = AtomicU32::new(0);
    let count = AtomicU32::new(0);
    let long = Duration::from_secs(20);
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..10_000 {
                    let _held =
                        futex_lock::lock(&word, long).expect("it is freed");
                    // A read and a write in two steps: safe only under the
                    // lock.
                    let read = count.load(Ordering::Relaxed);
                    count.store(read + 1, Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(count.into_inner(), 40_000);
    assert_eq!(word.into_inner(), 0, "free after the last holder let go");
}

#[test]
fn a_lock_never_released_times_out_asleep() {
    let word = AtomicU32::new(1); // held by someone who will never let go
    let (start, cpu) = (Instant::now(), cpu_time());
    assert!(futex_lock::lock(&word, Duration::from_millis(100)).is_none());
    let (waited, cpu) = (start.elapsed(), cpu_time() - cpu);
    assert!(waited >= Duration::from_millis(100), "{waited:?}");
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    // It slept in the kernel: a few system calls, never a spin of 100 ms.
    assert!(cpu < Duration::from_millis(20), "used {cpu:?} of CPU");
    assert_eq!(word.into_inner(), 2, "marked: someone waits");
}

#[test]
fn a_sleeper_is_woken_when_the_holder_lets_go() {
    let word = AtomicU32::new(0);
    let held = futex_lock::lock(&word, Duration::from_secs(1)).unwrap();
    thread::scope(|s| {
        let waiter = s.spawn(|| {
            let cpu = cpu_time();
            let got = futex_lock::lock(&word, Duration::from_secs(20));
            (got.is_some(), cpu_time() - cpu)
        });
        // Until the waiter has marked the word: it is about to sleep.
        while word.load(Ordering::Relaxed) != 2 {
            thread::yield_now();
        }
        thread::sleep(Duration::from_millis(50));
        drop(held);
        let (got, cpu) = waiter.join().unwrap();
        assert!(got, "woken and given the lock");
        assert!(cpu < Duration::from_millis(20), "used {cpu:?} of CPU");
    });
}
