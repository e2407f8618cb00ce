//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 07` runs them on your answers in `exercises/`.

use std::panic;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

use course_test::deadline::within;

use lesson_07::ex1_lock_order::transfer;
use lesson_07::ex2_closing_time::Branch;
use lesson_07::ex3_predict;

const LIMIT: Duration = Duration::from_secs(10);

/// How long a test watches a thread that should be stuck: far longer than a
/// thread needs to get going, even on a busy machine.
const WATCH: Duration = Duration::from_millis(500);

#[test]
fn ex1_moves_the_money() {
    let balances = within(LIMIT, "a transfer never finished", || {
        let accounts = [Mutex::new(100), Mutex::new(100), Mutex::new(100)];
        transfer(&accounts, 0, 2, 30);
        transfer(&accounts, 2, 1, 5);
        accounts.map(|a| a.into_inner().unwrap())
    });
    assert_eq!(balances, [70, 105, 125]);
}

#[test]
fn ex1_opposite_transfers_and_the_auditor_do_not_deadlock() {
    let accounts = Arc::new([Mutex::new(1_000), Mutex::new(1_000)]);
    let (balances, wrong_sums) = within(LIMIT, "a deadlock?", move || {
        let transfers_done = AtomicBool::new(false);
        thread::scope(|s| {
            // The auditor locks both accounts, lowest first, again and again
            // while the transfers run, and checks their sum.
            let auditor = s.spawn(|| {
                let mut wrong_sums = Vec::new();
                while !transfers_done.load(Ordering::SeqCst) {
                    let first = accounts[0].lock().unwrap();
                    let second = accounts[1].lock().unwrap();
                    if *first + *second != 2_000 {
                        wrong_sums.push(*first + *second);
                    }
                }
                wrong_sums
            });
            let clerks: Vec<_> = [(0, 1), (1, 0), (0, 1), (1, 0)]
                .into_iter()
                .map(|(from, to)| {
                    let accounts = &accounts;
                    s.spawn(move || {
                        for _ in 0..5_000 {
                            transfer(&accounts[..], from, to, 1);
                        }
                    })
                })
                .collect();
            for clerk in clerks {
                if let Err(panic) = clerk.join() {
                    transfers_done.store(true, Ordering::SeqCst);
                    panic::resume_unwind(panic);
                }
            }
            transfers_done.store(true, Ordering::SeqCst);
            let balances =
                [*accounts[0].lock().unwrap(), *accounts[1].lock().unwrap()];
            (balances, auditor.join().unwrap())
        })
    });
    assert_eq!(
        balances,
        [1_000, 1_000],
        "as much each way: nothing may be lost"
    );
    assert!(
        wrong_sums.is_empty(),
        "the auditor, holding both locks, saw the accounts sum to {:?}, not 2000",
        &wrong_sums[..wrong_sums.len().min(5)]
    );
}

/// Starts `transfer(from, to, 10)` on a thread of its own while this thread
/// holds `accounts[held]`, so the transfer gets stuck at that lock. Meanwhile
/// `look` is called again and again with the other account's `try_lock`
/// result, until it returns a complaint or the transfer has had `WATCH` to
/// get stuck. Then lets the transfer finish and returns the balances.
fn while_holding(
    held: usize,
    (from, to): (usize, usize),
    mut look: impl FnMut(Result<i64, ()>) -> Option<String>,
) -> Result<[i64; 2], String> {
    let accounts = [Mutex::new(100), Mutex::new(100)];
    let other = 1 - held;
    let started = AtomicBool::new(false);
    thread::scope(|s| {
        let holding = accounts[held].lock().unwrap();
        let mover = s.spawn(|| {
            started.store(true, Ordering::SeqCst);
            transfer(&accounts, from, to, 10);
        });
        while !started.load(Ordering::SeqCst) {
            thread::yield_now();
        }
        let since = Instant::now();
        let mut complaint = None;
        while complaint.is_none() && since.elapsed() < WATCH {
            let seen = match accounts[other].try_lock() {
                Ok(balance) => Ok(*balance),
                Err(TryLockError::WouldBlock) => Err(()),
                Err(TryLockError::Poisoned(_)) => {
                    panic!("the transfer panicked")
                }
            };
            complaint = look(seen);
            thread::yield_now();
        }
        drop(holding);
        if let Err(panic) = mover.join() {
            // the transfer's own message, not `Any`
            panic::resume_unwind(panic);
        }
        match complaint {
            Some(complaint) => Err(complaint),
            None => {
                Ok([*accounts[0].lock().unwrap(), *accounts[1].lock().unwrap()])
            }
        }
    })
}

#[test]
fn ex1_waits_for_the_lower_account_holding_nothing() {
    // Hold account 0 and start a transfer from 1 to 0. Taking the lower
    // number first, it waits for account 0 while holding nothing.
    let watched = within(LIMIT, "a transfer never finished", || {
        while_holding(0, (1, 0), |account_1| {
            match account_1 {
            Err(()) => Some(
                "transfer(1 -> 0) held account 1 while it waited for account 0: \
                 the auditor, or a transfer the other way, would deadlock with it"
                    .to_string(),
            ),
            Ok(_) => None,
        }
        })
    });
    assert_eq!(watched, Ok([110, 90]));
}

#[test]
fn ex1_holds_the_first_lock_while_it_waits_for_the_second() {
    // Hold account 1 and start a transfer between 0 and 1. It takes account 0,
    // then waits for account 1, and must not let go of account 0 meanwhile:
    // whoever got it then would hold both locks and see the money in neither
    // account (or in both).
    for (from, to, expected) in [(0, 1, [90, 110]), (1, 0, [110, 90])] {
        let watched = within(LIMIT, "a transfer never finished", move || {
            while_holding(1, (from, to), |account_0| match account_0 {
                Ok(balance) if balance != 100 => Some(format!(
                    "during transfer({from} -> {to}), with account 1 still at 100, \
                     account 0 was free and held {balance}: hold BOTH locks for the \
                     whole transfer"
                )),
                _ => None,
            })
        });
        assert_eq!(watched, Ok(expected));
    }
}

#[test]
fn ex1_a_transfer_to_the_same_account_changes_nothing() {
    let balance =
        within(LIMIT, "locking one Mutex twice waits for ever", || {
            let accounts = [Mutex::new(50), Mutex::new(50)];
            transfer(&accounts, 1, 1, 20);
            *accounts[1].lock().unwrap()
        });
    assert_eq!(balance, 50);
}

/// Lets customers in and out until `close_within`, running on another thread,
/// has shut the doors. With the doors shut under the lock that the closer
/// then waits with, the closer is surely waiting once this returns.
fn until_the_doors_shut(branch: &Branch) {
    let since = Instant::now();
    while branch.enter().is_some() {
        assert!(
            since.elapsed() < Duration::from_secs(5),
            "close_within has run for 5 s and the doors are still open"
        );
        thread::yield_now();
    }
}

#[test]
fn ex2_close_waits_for_the_last_customer() {
    let (empty, left_before_it_returned) =
        within(LIMIT, "close_within never returned", || {
            let branch = Branch::new();
            let left = AtomicUsize::new(0);
            thread::scope(|s| {
                let first = branch.enter().expect("a new branch is open");
                let second = branch.enter().expect("a new branch is open");
                assert_eq!(branch.inside(), 2);
                // A timeout far longer than the test's limit: only a customer
                // leaving can end this wait in time.
                let closer = s.spawn(|| {
                    let empty = branch.close_within(Duration::from_secs(60));
                    (empty, left.load(Ordering::SeqCst))
                });
                until_the_doors_shut(&branch);
                left.store(1, Ordering::SeqCst);
                drop(first);
                thread::sleep(Duration::from_millis(50));
                left.store(2, Ordering::SeqCst);
                drop(second);
                closer.join().unwrap()
            })
        });
    assert!(empty, "everyone left: the branch is empty");
    assert_eq!(
        left_before_it_returned, 2,
        "close_within returned before the last customer left"
    );
}

#[test]
fn ex2_gives_up_at_the_timeout_and_stays_shut() {
    let stuck = "close_within did not give up at its timeout";
    within(LIMIT, stuck, || {
        let branch = Branch::new();
        let visit = branch.enter().expect("a new branch is open");
        let started = Instant::now();
        assert!(
            !branch.close_within(Duration::from_millis(100)),
            "a customer is still inside"
        );
        assert!(
            started.elapsed() >= Duration::from_millis(100),
            "gave up after {:?}, before its 100 ms timeout",
            started.elapsed()
        );
        assert!(
            branch.enter().is_none(),
            "the doors stay shut, even when the wait gave up"
        );
        assert_eq!(branch.inside(), 1);
        drop(visit);
        assert_eq!(branch.inside(), 0);
        assert!(branch.close_within(Duration::ZERO), "now it is empty");
    });
}

/// The id of the calling thread in the kernel (Linux), to look at its state.
fn kernel_thread_id() -> u32 {
    // `/proc/thread-self` links to `<pid>/task/<tid>`.
    let link = std::fs::read_link("/proc/thread-self").expect("Linux's /proc");
    let tid = link.file_name().unwrap().to_str().unwrap();
    tid.parse().unwrap()
}

/// Waits until thread `tid` of this process is asleep (state `S`) on three
/// looks in a row: blocked, here in a `Condvar` wait.
fn until_asleep(tid: u32) {
    let since = Instant::now();
    let mut asleep_in_a_row = 0;
    while asleep_in_a_row < 3 {
        assert!(
            since.elapsed() < Duration::from_secs(5),
            "a closer did not start waiting within 5 s"
        );
        let stat =
            std::fs::read_to_string(format!("/proc/self/task/{tid}/stat"))
                .expect("the closer's thread is alive");
        // The state follows the command name, which ends with ')'.
        let state = stat.rsplit_once(") ").unwrap().1.chars().next();
        asleep_in_a_row = if state == Some('S') {
            asleep_in_a_row + 1
        } else {
            0
        };
        thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn ex2_every_closer_is_told() {
    let closers = within(LIMIT, "a closer waited out its timeout", || {
        let branch = Branch::new();
        thread::scope(|s| {
            let visit = branch.enter().expect("a new branch is open");
            let (tids, waiting) = std::sync::mpsc::channel();
            let closers: Vec<_> = (0..2)
                .map(|_| {
                    let (tids, branch) = (tids.clone(), &branch);
                    s.spawn(move || {
                        tids.send(kernel_thread_id()).unwrap();
                        branch.close_within(Duration::from_secs(60))
                    })
                })
                .collect();
            for tid in waiting.iter().take(2) {
                until_asleep(tid);
            }
            // both closers are waiting now: the last customer leaves
            drop(visit);
            closers
                .into_iter()
                .map(|c| c.join().unwrap())
                .collect::<Vec<_>>()
        })
    });
    assert_eq!(closers, [true, true]);
}

/// Compares a prediction with what happened, and prints both.
fn check_prediction(question: &str, predicted: bool, measured: bool) {
    println!("{question}\n  you predicted {predicted}; measured: {measured}");
    assert_eq!(
        predicted, measured,
        "{question}: you predicted {predicted}, but it is {measured} (see the hint)"
    );
}

#[test]
fn ex3_a_second_reader() {
    let predicted = ex3_predict::second_reader_gets_in();
    let rates = RwLock::new(vec![1.10, 0.86]);
    let reading = rates.read().unwrap();
    let measured =
        thread::scope(|s| s.spawn(|| rates.try_read().is_ok()).join().unwrap());
    drop(reading);
    check_prediction("a second reader gets in", predicted, measured);
}

#[test]
fn ex3_a_reader_behind_a_waiting_writer() {
    let predicted = ex3_predict::reader_gets_past_a_waiting_writer();
    let rates = RwLock::new(vec![1.10, 0.86]);
    let measured = within(LIMIT, "the writer never got in", move || {
        let writer_started = AtomicBool::new(false);
        thread::scope(|s| {
            let reading = rates.read().unwrap();
            let writer = s.spawn(|| {
                writer_started.store(true, Ordering::SeqCst);
                rates.write().unwrap()[0] = 1.11;
            });
            while !writer_started.load(Ordering::SeqCst) {
                thread::yield_now();
            }
            // The writer needs a moment to start waiting: keep trying for a
            // while. One refusal is the answer.
            let third = s.spawn(|| {
                let since = Instant::now();
                while since.elapsed() < WATCH * 2 {
                    if rates.try_read().is_err() {
                        return false;
                    }
                    thread::yield_now();
                }
                true
            });
            let got_in = third.join().unwrap();
            drop(reading);
            writer.join().unwrap();
            got_in
        })
    });
    check_prediction(
        "a reader gets past a waiting writer",
        predicted,
        measured,
    );
}

#[test]
fn ex3_a_notify_before_the_wait() {
    let predicted = ex3_predict::early_notify_wakes_a_later_waiter();
    let balance = Mutex::new(0);
    let funds_arrived = Condvar::new();
    funds_arrived.notify_all(); // nobody waits yet
    let measured = thread::scope(|s| {
        s.spawn(|| {
            let guard = balance.lock().unwrap();
            let (_guard, waited) = funds_arrived
                .wait_timeout(guard, Duration::from_millis(200))
                .unwrap();
            !waited.timed_out()
        })
        .join()
        .unwrap()
    });
    check_prediction(
        "an early notify wakes a later waiter",
        predicted,
        measured,
    );
}

#[test]
fn ex3_a_match_on_a_locked_value() {
    let predicted = ex3_predict::lock_is_free_inside_a_match_arm();
    let balance = Mutex::new(100);
    let measured = thread::scope(|s| match *balance.lock().unwrap() {
        0 => unreachable!("the balance is 100"),
        _ => s.spawn(|| balance.try_lock().is_ok()).join().unwrap(),
    });
    check_prediction(
        "the lock is free inside a match arm",
        predicted,
        measured,
    );
}
