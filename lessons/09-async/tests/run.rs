//! Runs lesson 09 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{Run, check_command_line, check_compile_fail};

course_test::lesson_under_test!("lesson-09");

#[test]
fn waits_overlap_on_one_thread() {
    let run = part("timing", &[]);
    let took = run.numbers_after("took ");
    // Six waits of 30 ms in a row cannot take less than 180 ms, nor two 60 ms.
    // That the waits overlap is checked on the picture (tests/pictures.rs),
    // not with a ratio of times, which a busy machine can spoil.
    assert!(took[0] >= 180.0, "six waits of 30 ms in a row: {run}");
    assert!(took[1] >= 60.0, "two waits of 30 ms: {run}");
    let concurrent = run
        .stdout
        .lines()
        .find(|l| l.contains("with join!"))
        .unwrap();
    let words: Vec<&str> = concurrent.split_whitespace().skip(2).collect();
    assert!(
        words[..3].iter().all(|w| w.starts_with("one")),
        "all three calls say one before anyone says two: {run}"
    );
}

#[test]
fn every_failure_is_collected() {
    let run = part("gather", &[]);
    run.assert_prints("7 unread, friends [\"ada\", \"grace\"]")
        .assert_prints("6 of 6 finished, 3 with an answer")
        .assert_prints("buggy-avatar  panicked")
        .assert_prints("broken-ads    failed: broken-ads: connection refused")
        .assert_prints("try_join! gave up at the first error, after");
    assert!(
        run.stderr.contains("buggy-avatar: a bug in the handler"),
        "{run}"
    );
}

#[test]
fn commands_report_exit_codes_and_output() {
    // 3 s, not the default 300 ms: on a very busy machine even `uname` can
    // take longer than 300 ms to start and end.
    let run = part("commands", &["--deadline-ms=3000"]);
    run.assert_prints("$ echo 'hello from echo'  ->  exit code 0")
        .assert_prints("stdout: hello from echo")
        .assert_prints("$ false  ->  exit code 1")
        .assert_prints("->  exit code 3")
        .assert_prints("stderr: disk almost full")
        .assert_prints(
            "$ no-such-program  ->  could not start: No such file or directory",
        )
        .assert_prints("$ sleep 30  ->  no exit within 3000.0 ms: killed")
        .assert_prints("8 commands, 4 failed")
        // A fact of order, not of speed: one after another, a command would
        // start only after the one before it had ended.
        .assert_prints(
            "The 7 that ran were all started before the first of them ended.",
        );
    // `sleep 30` was waited for until the deadline, however busy the machine.
    assert!(run.millis_after("4 failed, in ") >= 3000.0, "{run}");
}

#[test]
fn every_client_gets_its_echo() {
    let run = part("echo", &[]);
    run.assert_prints("200 of 200 clients got their own line back");
    // 200 clients that each wait 50 ms: 10 s one after another.
    let took = run.number_after("all in ");
    assert!(took < 5000.0, "the clients should overlap: {run}");
    // All 200 are usually open at once; a quarter of them still shows the
    // overlap.
    assert!(
        run.number_after("up to ") >= 50.0,
        "connections should overlap: {run}"
    );
}

#[test]
fn a_blocking_sleep_stalls_the_ticker() {
    // Longer than the default, so that a starved machine still lets a tick
    // through the waits that do not block.
    let run = part("blocking", &["--block-ms=300"]);
    let ticks: Vec<f64> = run
        .stdout
        .lines()
        .filter(|l| l.ends_with(" ticks"))
        .map(|l| {
            l.rsplit(": ")
                .next()
                .unwrap()
                .trim_end_matches(" ticks")
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(ticks.len(), 3, "{run}");
    // The ticks are counted while the waiter waits: none can come while it
    // blocks the only thread. About 30 fit in 300 ms; a machine busy enough
    // to run the thread only now and then still lets one through.
    assert_eq!(ticks[0], 0.0, "std::thread::sleep stalls the ticker: {run}");
    assert!(
        ticks[1] >= 1.0 && ticks[2] >= 1.0,
        "the others should tick: {run}"
    );
}

#[test]
fn a_runtime_inside_a_runtime_panics() {
    let run = part("nested", &[]);
    run.assert_prints(
        "it panicked: Cannot start a runtime from within a runtime.",
    )
    .assert_prints("it returned 42");
}

#[test]
fn a_std_lock_across_an_await_deadlocks_one_thread() {
    let run = part("stuck", &[]);
    run.assert_prints("std::sync::Mutex  : still stuck after ")
        .assert_prints("tokio::sync::Mutex: done, count 2");
}

#[test]
fn timeouts_cancel_and_abort_stops() {
    let run = part("timeout", &[]);
    run.assert_prints("-> Ok(\"found it\")")
        .assert_prints("-> Err(\"deadline has elapsed\")")
        .assert_prints("the lookup ended after 10 of 10 steps");
    let steps = run.numbers_after("the lookup ended after ");
    assert!(steps[1] < 10.0, "the timed-out lookup stopped early: {run}");
    let at_abort = run.number_after("count at abort: ");
    let later = run.number_after(" ms later: ");
    assert_eq!(at_abort, later, "an aborted task runs no more: {run}");
    run.assert_prints("awaiting it: cancelled");
}

/// The cells of the row that starts with `label`.
fn row<'a>(run: &'a Run, label: &str) -> Vec<&'a str> {
    let line = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no row {label:?}: {run}"));
    let cells = line[line.find(label).unwrap() + label.len()..].split("  ");
    cells.map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// A cell such as `463 B` or `29.2 kB`, in bytes.
fn bytes(cell: &str) -> f64 {
    let (number, unit) = cell.split_once(' ').unwrap();
    let number: f64 = number.parse().unwrap();
    match unit {
        "B" => number,
        "kB" => number * 1024.0,
        _ => panic!("not a size: {cell:?}"),
    }
}

fn python_present() -> bool {
    course_kit::python::Python::find().is_some()
}

#[test]
fn tasks_take_far_less_memory_than_threads() {
    // 2000 of each keeps the test quick; the book shows the default.
    let options = ["--tasks=2000", "--sleep-ms=100"];
    let run = if python_present() {
        part("many", &options)
    } else {
        course_test::run(LESSON, &[&["many"][..], &options].concat())
    };
    run.assert_success();
    let (tasks, threads) = (row(&run, "Rust tasks"), row(&run, "Rust threads"));
    // ready in, done in, OS threads, memory each, vs a task
    assert!(
        bytes(threads[3]) > 3.0 * bytes(tasks[3]),
        "threads should cost more memory: {run}"
    );
    assert_eq!(
        tasks[2], "1",
        "tasks run on the runtime's one thread: {run}"
    );
    let os_threads: f64 = threads[2].parse().unwrap();
    assert!(os_threads > 2000.0, "one OS thread per thread: {run}");
    // Each slept 100 ms after the gate opened: none can be done sooner.
    for crowd in [&tasks, &threads] {
        let done: f64 = crowd[1].trim_end_matches(" ms").parse().unwrap();
        assert!(done >= 100.0, "{run}");
    }
    if python_present() {
        run.assert_prints("ran the same steps with asyncio, in this run");
        let python = row(&run, "Python tasks");
        assert_eq!(python[2], "1", "asyncio runs on one thread: {run}");
        assert!(bytes(python[3]) > 0.0 && python[4].ends_with('x'), "{run}");
    } else {
        run.assert_prints(course_kit::python::NOT_FOUND);
    }
}

#[test]
fn without_python_the_rust_rows_still_show() {
    let stdout = course_test::run_without_python(
        LESSON,
        &["many", "--tasks=200", "--sleep-ms=10"],
    );
    assert!(!stdout.contains("Python tasks"), "{stdout}");
    assert!(stdout.contains("Rust threads"), "{stdout}");
}

#[test]
fn more_threads_than_the_maps_allow_are_refused_before_starting() {
    let allowed = lesson_09::many::threads_the_maps_allow().unwrap();
    if allowed >= 10_000 {
        eprintln!("this machine allows every --tasks the lesson accepts");
        return;
    }
    let too_many = format!("--tasks={}", allowed + 1);
    let run = course_test::run(LESSON, &["many", &too_many]);
    assert!(!run.status.success(), "{run}");
    assert!(run.stderr.contains("vm.max_map_count"), "{run}");
    assert!(run.stdout.lines().count() <= 1, "nothing started: {run}");
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "clients");
}

#[test]
fn a_std_guard_held_across_an_await_cannot_be_spawned() {
    check_compile_fail(DIR);
}

#[test]
fn a_future_runs_only_when_polled_and_again_only_when_woken() {
    let run = part("poll", &[]);
    run.assert_prints("made, then left alone for 20 ms: polled 0 times")
        .assert_prints(".await returned 3, after 3 polls");
    let awaited: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.contains("awaited on a one-thread runtime"))
        .take_while(|l| !l.contains(".await returned"))
        .skip(1)
        .map(str::trim)
        .collect();
    // Each poll that is not ready is followed by its wake, then the next poll.
    assert_eq!(
        awaited,
        [
            "poll 1: pending; a thread wakes it in 10 ms",
            "woken",
            "poll 2: pending; a thread wakes it in 10 ms",
            "woken",
            "poll 3: ready",
        ],
        "{run}"
    );
    // Never woken, it is polled once, and once more only because the timer of
    // `timeout`, in the same task, woke the task.
    run.assert_prints("timed out, after 2 polls in all");
    assert_eq!(
        run.stdout.matches("nobody will wake it").count(),
        2,
        "{run}"
    );
}
