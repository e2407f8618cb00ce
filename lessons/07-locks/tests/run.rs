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

/// The cells of the table row that starts with `label`.
fn row<'a>(run: &'a Run, label: &str) -> Vec<&'a str> {
    let line = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(label) && !l.contains("wrong"))
        .unwrap_or_else(|| panic!("no row {label:?}: {run}"));
    line[line.find(label).unwrap() + label.len()..]
        .split("  ")
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .collect()
}

#[test]
fn processes_lose_updates_without_a_lock_and_none_with_one() {
    let run = part("processes", &[]);
    assert!(wrong(&run, "no lock:") >= 1.0, "{run}");
    for lock in ["File::lock:", "spin lock:", "futex lock:"] {
        assert_eq!(wrong(&run, lock), 0.0, "{run}");
    }
    // Every lock was timed, and kept every update (the part checks the
    // balance). How fast each was is the machine's business, not a fact to
    // test: on a busy machine any of them can lose.
    for lock in ["File::lock", "spin lock", "futex lock"] {
        let cells = row(&run, lock);
        assert_eq!(cells.len(), 5, "{cells:?}: {run}");
        let rate: f64 = cells[0].parse().unwrap();
        assert!(rate > 0.0, "{run}");
    }
}

#[test]
fn python_is_measured_in_the_same_run_when_it_is_here() {
    let run = part("processes", &["--ops=10", "--speed-ops=20000"]);
    if course_kit::python::Python::find().is_none() {
        run.assert_prints(course_kit::python::NOT_FOUND);
        return;
    }
    let cells = row(&run, "Python mp.Lock");
    assert_eq!(cells.len(), 5, "{cells:?}: {run}");
    assert_eq!(cells[4], "1.0x", "the ratio is to Python's own rate: {run}");
    run.assert_prints("ratio: updates/s over Python 3.");
}

/// The processes now running this lesson's executable in child role `role`.
fn running_as(role: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let cmdline = std::fs::read(entry.path().join("cmdline"));
        let Ok(cmdline) = cmdline else { continue };
        let args: Vec<String> = cmdline
            .split(|&b| b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        if args.first().is_some_and(|a| a == LESSON)
            && args.iter().any(|a| a == role)
        {
            found.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    found
}

#[test]
fn the_kernel_frees_a_file_lock_and_nobody_the_others() {
    let started = std::time::SystemTime::now();
    let run = part("dead-holder", &[]);
    // The killed holder no longer runs, and no shared memory
    // is left: the part uses an anonymous segment.
    assert_eq!(running_as("holder"), Vec::<String>::new(), "{run}");
    assert!(course_test::shm::left_since(started).is_empty(), "{run}");
    let millis =
        |cell: &str| -> f64 { cell.trim_end_matches(" ms").parse().unwrap() };
    let file = row(&run, "File::lock");
    assert_eq!(file[0], "taken", "{run}");
    for lock in ["spin lock", "futex lock"] {
        let cells = row(&run, lock);
        assert_eq!(cells[0], "still held", "{run}");
        // It tried for its 200 ms and then gave up, soon after, even under
        // load.
        assert!((200.0..2_000.0).contains(&millis(cells[1])), "{run}");
    }
    // The futex lock slept while it waited; the spin lock kept looking.
    let spin_cpu = millis(row(&run, "spin lock")[2]);
    let futex_cpu = millis(row(&run, "futex lock")[2]);
    assert!(futex_cpu < 20.0, "the futex waiter used CPU: {run}");
    assert!(spin_cpu > futex_cpu, "{run}");
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
    // 3 readers x 50 ms: about 50 ms together. One by one, as the Mutex
    // makes them, cannot take less than 150 ms, so a shorter RwLock round
    // shows they overlapped. A busy machine can delay a reader's sleep past
    // that; the lesson then says so, and the test runs it again.
    let both = |run: &Run| {
        let look = run.millis_after("look at the rates for");
        let shared = run.millis_after("with RwLock (read):");
        let exclusive = run.millis_after("with Mutex:");
        (look, shared, exclusive)
    };
    let run = part_until("rwlock", &[], "readers that overlapped", |run| {
        let (look, shared, _) = both(run);
        shared < 3.0 * look
    });
    let (look, _, exclusive) = both(&run);
    assert!(exclusive >= 3.0 * look, "one at a time: {run}");
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
