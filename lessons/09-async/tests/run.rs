//! Runs lesson 09 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{check_command_line, check_compile_fail};

course_test::lesson_under_test!("lesson-09");

#[test]
fn waits_overlap_on_one_thread() {
    let run = part("timing", &[]);
    let took = run.numbers_after("took ");
    // Six waits of 50 ms in a row cannot take less than 300 ms, nor two 100 ms.
    // That the waits overlap is checked on the picture (tests/pictures.rs),
    // not with a ratio of times, which a busy machine can spoil.
    assert!(took[0] >= 300.0, "six waits of 50 ms in a row: {run}");
    assert!(took[1] >= 100.0, "two waits of 50 ms: {run}");
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
    let run = part("commands", &[]);
    run.assert_prints("$ echo 'hello from echo'  ->  exit code 0")
        .assert_prints("stdout: hello from echo")
        .assert_prints("$ false  ->  exit code 1")
        .assert_prints("->  exit code 3")
        .assert_prints("stderr: disk almost full")
        .assert_prints(
            "$ no-such-program  ->  could not start: No such file or directory",
        )
        .assert_prints("$ sleep 30  ->  no exit within 600.0 ms: killed")
        .assert_prints("8 commands, 4 failed");
    // Two sleeps of 200 ms and a deadline of 600 ms: at least 1000 ms one after
    // the other. Run together, about 600 ms; the rest is room for a busy
    // machine.
    let took = run.number_after("4 failed, in ");
    assert!(took < 950.0, "the commands should run concurrently: {run}");
}

#[test]
fn every_client_gets_its_echo() {
    let run = part("echo", &[]);
    run.assert_prints("200 of 200 clients got their own line back");
    // 200 clients that each wait 100 ms: 20 s one after another.
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
    let run = part("blocking", &[]);
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
    // blocks the only thread. About 20 fit in 200 ms.
    assert_eq!(ticks[0], 0.0, "std::thread::sleep stalls the ticker: {run}");
    assert!(
        ticks[1] >= 5.0 && ticks[2] >= 5.0,
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
fn timeouts_cancel_and_abort_stops() {
    let run = part("timeout", &[]);
    run.assert_prints("-> Ok(\"found it\")")
        .assert_prints("-> Err(\"deadline has elapsed\")")
        .assert_prints("the lookup ended after 10 of 10 steps");
    let steps = run.numbers_after("the lookup ended after ");
    assert!(steps[1] < 10.0, "the timed-out lookup stopped early: {run}");
    let at_abort = run.number_after("count at abort: ");
    let later = run.number_after("100 ms later: ");
    assert_eq!(at_abort, later, "an aborted task runs no more: {run}");
    run.assert_prints("awaiting it: cancelled");
}

#[test]
fn tasks_take_far_less_memory_than_threads() {
    // 2000 of each keeps the test quick; the book shows the default 10,000.
    let run = part("many", &["--tasks=2000", "--sleep-ms=300"]);
    let memory = run.numbers_after("memory +");
    assert_eq!(memory.len(), 2, "{run}");
    assert!(
        memory[1] > 3.0 * memory[0],
        "threads should cost more memory: {run}"
    );
    let os_threads = run.numbers_after("OS threads: ");
    assert!(
        os_threads[0] <= 3.0,
        "tasks run on the runtime's one thread: {run}"
    );
    assert!(os_threads[1] > 2000.0, "one OS thread per thread: {run}");
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "clients");
}

#[test]
fn a_std_guard_held_across_an_await_cannot_be_spawned() {
    check_compile_fail(DIR);
}
