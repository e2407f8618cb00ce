//! Runs lesson 07 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{
    Lines, Run, check_command_line, check_compile_fail, compare, run,
};

course_test::lesson_under_test!("lesson-07");

/// How many runs of 10 went wrong, on the line that starts with `label`.
fn wrong(run: &Run, label: &str) -> f64 {
    let line = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no line {label:?}: {run}"));
    let (_, rest) = line.split_once("wrong in ").unwrap();
    rest.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn the_unguarded_bank_does_not_compile() {
    check_compile_fail(DIR);
}

#[test]
fn threads_lose_updates_without_a_lock_and_none_with_one() {
    let run = part("race", &[]);
    // The unlocked version goes wrong in almost every run; one is enough to
    // show it.
    assert!(wrong(&run, "load, then store") >= 1.0, "{run}");
    assert_eq!(wrong(&run, "Mutex:"), 0.0, "{run}");
    assert_eq!(wrong(&run, "fetch_add:"), 0.0, "{run}");
}

#[test]
fn processes_lose_updates_without_a_lock_and_none_with_one() {
    let run = part("processes", &[]);
    assert!(wrong(&run, "no lock:") >= 1.0, "{run}");
    assert_eq!(wrong(&run, "File::lock (flock): "), 0.0, "{run}");
    assert_eq!(wrong(&run, "spin lock in the mapping: "), 0.0, "{run}");
    // Both locks kept every update when timed, and the spin lock, which needs
    // no system call while the lock is free, beat the kernel's file lock.
    assert_eq!(run.numbers_after(", balance ").len(), 2, "{run}");
    let rate = |label: &str| -> f64 {
        let line = run
            .stdout
            .lines()
            .find(|l| {
                l.trim_start().starts_with(label)
                    && l.contains(" million updates/s")
            })
            .unwrap_or_else(|| panic!("no speed for {label:?}: {run}"));
        let before = line.split(" million").next().unwrap();
        before.split_whitespace().last().unwrap().parse().unwrap()
    };
    assert!(rate("spin lock") > rate("File::lock"), "{run}");
}

#[test]
fn the_kernel_frees_a_file_lock_but_not_a_spin_lock() {
    let run = part("dead-holder", &[]);
    run.assert_prints("File::lock: free at once")
        .assert_prints("spin lock:  still taken");
    // It tried for its 200 ms and then gave up, soon after, even under load.
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("still taken"))
        .unwrap();
    let (_, after) = line.split_once("after ").unwrap();
    let mut words = after.split_whitespace();
    let waited: f64 = words.next().unwrap().parse().unwrap();
    let waited_ms = if words.next() == Some("s") {
        waited * 1e3
    } else {
        waited
    };
    assert!((200.0..2_000.0).contains(&waited_ms), "{run}");
}

#[test]
fn a_lock_file_keeps_printed_lines_whole() {
    let run = run(LESSON, &["print"]);
    run.assert_success();
    // Without the lock, the printers' words mix differently on every run: the
    // lines shown before the first count (`... N of 15 lines whole`) are set
    // aside. The rest of the recording must match.
    let steady = |text: &str| {
        let count = text.find("lines whole").unwrap_or(0);
        let (mixed, rest) =
            text.split_at(text[..count].rfind('\n').unwrap_or(0));
        let mixed: Vec<&str> =
            mixed.lines().filter(|l| !l.starts_with("  | ")).collect();
        mixed.join("\n") + rest
    };
    let recorded =
        std::fs::read_to_string(format!("{DIR}/output/print.txt")).unwrap();
    if let Err(difference) =
        compare(&steady(&recorded), &steady(&run.stdout), Lines::InOrder)
    {
        panic!("{difference}{run}");
    }
    let whole = run.numbers_after("... ");
    assert_eq!(whole.len(), 2, "{run}");
    assert!(
        whole[0] < 15.0,
        "without a lock, some lines should be mixed: {run}"
    );
    assert_eq!(whole[1], 15.0, "with the lock, every line is whole: {run}");
}

#[test]
fn readers_share_an_rwlock() {
    let run = part("rwlock", &[]);
    let shared = run.millis_after("with RwLock (read):");
    let exclusive = run.millis_after("with Mutex:");
    // 4 readers x 50 ms: about 50 ms together, about 200 ms one by one.
    assert!(exclusive > 1.5 * shared, "{run}");
}

#[test]
fn a_panic_poisons_the_lock_and_the_data_can_be_repaired() {
    let run = part("poison", &[]);
    run.assert_prints("lock() gave Err(PoisonError); inside: [150, 100]")
        .assert_prints("after the repair: [150, 150], sum 300");
    assert!(
        run.stderr.contains("the network failed mid-transfer"),
        "{run}"
    );
}

#[test]
fn opposite_lock_orders_deadlock_and_one_order_does_not() {
    let run = part("deadlock", &[]);
    run.assert_prints("a deadlock; the child was killed")
        .assert_prints("both transfers done: 500 and 500");
}

#[test]
fn a_condvar_wakes_the_withdrawal_when_the_money_is_there() {
    let run = part("condvar", &[]);
    run.assert_prints("withdrew 500 after")
        .assert_prints("0 left")
        .assert_prints("gave up after 200 ms");
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "ops");
}
