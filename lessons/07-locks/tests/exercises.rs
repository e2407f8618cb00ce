//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 07` runs them on your answers in `exercises/`.

use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use course_test::deadline::within;

use lesson_07::ex1_lock_order::transfer;
use lesson_07::ex2_wait_for_funds::Account;

const LIMIT: Duration = Duration::from_secs(10);

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
fn ex1_opposite_transfers_do_not_deadlock() {
    let accounts = Arc::new([Mutex::new(1_000), Mutex::new(1_000)]);
    let (balances, wrong_sums) = within(
        LIMIT,
        "a deadlock? Lock the lower index first, always.",
        move || {
            let transfers_done = AtomicBool::new(false);
            thread::scope(|s| {
                // An auditor locks both accounts (lower first) again and again
                // while the transfers run: with both locks held by a transfer
                // for the whole move, it can never see money in neither.
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
                let balances = [*accounts[0].lock().unwrap(), *accounts[1].lock().unwrap()];
                (balances, auditor.join().unwrap())
            })
        },
    );
    assert_eq!(
        balances,
        [1_000, 1_000],
        "as much each way: nothing may be lost"
    );
    assert!(
        wrong_sums.is_empty(),
        "an auditor holding both locks saw the two accounts sum to {:?}, not 2000: \
         hold BOTH locks for the whole transfer",
        &wrong_sums[..wrong_sums.len().min(5)]
    );
}

#[test]
fn ex1_locks_the_lower_numbered_account_first() {
    let free = within(LIMIT, "a transfer never finished", || {
        let accounts = [Mutex::new(100), Mutex::new(100)];
        thread::scope(|s| {
            // Hold account 0, then start a transfer from 1 to 0. Taking the
            // lower number first, it waits for account 0 holding nothing.
            let held = accounts[0].lock().unwrap();
            let mover = s.spawn(|| transfer(&accounts, 1, 0, 10));
            thread::sleep(Duration::from_millis(100));
            let second_free = accounts[1].try_lock().is_ok();
            drop(held);
            if let Err(panic) = mover.join() {
                panic::resume_unwind(panic); // the transfer's own message, not `Any`
            }
            second_free
        })
    });
    assert!(
        free,
        "transfer(1 -> 0) held account 1 while it waited for account 0: \
         a thread doing transfer(0 -> 1) at that moment would deadlock with it"
    );
}

#[test]
fn ex1_a_transfer_to_the_same_account_changes_nothing() {
    let balance = within(LIMIT, "locking one Mutex twice waits for ever", || {
        let accounts = [Mutex::new(50), Mutex::new(50)];
        transfer(&accounts, 1, 1, 20);
        *accounts[1].lock().unwrap()
    });
    assert_eq!(balance, 50);
}

#[test]
fn ex2_a_withdrawal_waits_for_deposits() {
    let account = Arc::new(Account::new(0));
    let depositor = Arc::clone(&account);
    let withdrew = within(LIMIT, "did the deposit wake the withdrawal?", move || {
        thread::scope(|s| {
            s.spawn(|| {
                for _ in 0..3 {
                    thread::sleep(Duration::from_millis(20));
                    depositor.deposit(100);
                }
            });
            account.withdraw_within(250, Duration::from_secs(5))
        })
    });
    assert!(withdrew, "300 arrived; 250 could be withdrawn");
}

#[test]
fn ex2_gives_up_and_leaves_the_balance() {
    let stuck = "did the wait forget its timeout (`wait_timeout_while`, not `wait_while`)?";
    within(LIMIT, stuck, || {
        let account = Account::new(40);
        let start = Instant::now();
        assert!(!account.withdraw_within(100, Duration::from_millis(50)));
        assert!(
            start.elapsed() >= Duration::from_millis(40),
            "it should wait before giving up"
        );
        assert_eq!(
            account.balance(),
            40,
            "a withdrawal that gave up takes nothing"
        );
        account.deposit(60);
        assert!(account.withdraw_within(100, Duration::ZERO));
        assert_eq!(account.balance(), 0);
    });
}

#[test]
fn ex2_one_deposit_wakes_every_waiter() {
    let account = Account::new(0);
    let start = Instant::now();
    let both = within(
        LIMIT,
        "use notify_all: every waiter must check",
        move || {
            thread::scope(|s| {
                let first = s.spawn(|| account.withdraw_within(100, Duration::from_secs(5)));
                let second = s.spawn(|| account.withdraw_within(100, Duration::from_secs(5)));
                thread::sleep(Duration::from_millis(50)); // both are waiting now
                account.deposit(200);
                (first.join().unwrap(), second.join().unwrap())
            })
        },
    );
    assert_eq!(both, (true, true));
    // Woken by the deposit, both finish at once. A waiter left asleep would
    // only notice the money when its 5 s timeout ran out.
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "a waiter slept until its timeout: did the deposit wake every waiter?"
    );
}
