//! Runs lesson 01 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{check_command_line, check_compile_fail};

course_test::lesson_under_test!("lesson-01");

#[test]
fn cpus_are_counted() {
    let run = part("cpus", &[]);
    assert!(run.number_after("can run") >= 1.0);
}

#[test]
fn spawned_threads_all_finish() {
    let run = part("spawn", &[]);
    for worker in 1..=3 {
        run.assert_prints(&format!("worker {worker}: hello from ThreadId("));
    }
    run.assert_prints("main: all 3 workers have finished");
}

#[test]
fn named_threads_say_their_names() {
    part("named", &[])
        .assert_prints("main: my id is")
        .assert_prints("parser: my id is")
        .assert_prints("indexer: my id is")
        .assert_prints("main: the downloader got 3 files");
}

#[test]
fn interleaving_shows_every_step() {
    let run = part("interleave", &[]);
    for line in run.stdout.lines().filter(|l| l.contains("round ")) {
        let steps = line.split(": ").nth(1).unwrap().split(' ').count();
        assert_eq!(steps, 15, "3 threads x 5 steps in {line:?}");
    }
}

/// That the waits overlap is checked on the picture (tests/pictures.rs), where
/// it does not depend on how busy the machine is: here, only what it prints.
#[test]
fn waiting_work_is_timed_both_ways() {
    let run = part("io", &["--wait-ms=50"]);
    assert!(run.number_after("On threads:") > 0.0, "{run}");
}

#[test]
fn every_thread_count_finds_the_same_primes() {
    let run = part("cpu", &["--primes-below=100000"]);
    let counts: Vec<f64> = ["  1 ", "  2 ", "  4 "]
        .iter()
        .map(|row| run.number_after(row))
        .collect();
    assert_eq!(
        counts, [9592.0; 3],
        "there are 9592 primes below 100000: {run}"
    );
}

#[test]
fn shared_list_gets_every_square() {
    part("share", &[])
        .assert_prints("sum 500500")
        .assert_prints("sorted: [1, 4, 9, 16, 25]")
        .assert_prints("In 1000 more runs, ");
}

#[test]
fn main_returning_stops_the_ticker_and_join_waits_for_it() {
    // A busy machine can keep the ticker from ticking before main returns
    // (the part then says so in a Note): one run in five must show it cut off
    // mid-way.
    let ticks = |run: &course_test::Run| run.numbers_after("-> ");
    let run = part_until(
        "background",
        &[],
        "some ticks, then the ticker cut off without join",
        |run| {
            let ticks = ticks(run);
            ticks.len() == 2
                && 0.0 < ticks[0]
                && ticks[0] < 10.0
                && !run.stdout.contains("Note: ")
        },
    );
    assert_eq!(ticks(&run)[1], 10.0, "with join every tick happens: {run}");
    run.assert_prints("ticker finished: false")
        .assert_prints("ticker finished: true");
}

#[test]
fn a_panic_in_a_thread_becomes_an_err_at_join() {
    let run = part("panic", &[]);
    run.assert_prints("join gave: Err(\"attempt to divide by zero\")")
        .assert_prints("main is still running");
    assert!(
        run.stderr.contains("panicked"),
        "the panic message goes to stderr: {run}"
    );
    // The book quotes this stderr line; where it points must still be true.
    let at = run
        .stderr
        .split_once("panicked at ")
        .and_then(|(_, rest)| rest.lines().next())
        .expect("a panic location on stderr");
    let page =
        std::fs::read_to_string(format!("{DIR}/../../book/01-4-endings.md"))
            .expect("the chapter's page");
    assert!(
        page.contains(&format!("panicked at {at}")),
        "the book should say the panic happened at {at}"
    );
}

#[test]
fn the_unsynchronised_version_does_not_compile() {
    check_compile_fail(DIR);
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "wait-ms");
}
