//! Runs lesson 01 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers and order aside).

use course_kit::testing::{Run, check_compile_error, check_recording, run};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-01");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Runs one part and compares it with the book's recording (a default run: the
/// options only change numbers, which the comparison sets aside).
fn part(name: &str, options: &[&str]) -> Run {
    let args: Vec<&str> = std::iter::once(name)
        .chain(options.iter().copied())
        .collect();
    let run = run(LESSON, &args);
    run.assert_success();
    check_recording(&run, format!("{DIR}/output/{name}.txt"));
    run
}

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

#[test]
fn waiting_on_two_threads_takes_about_half_the_time() {
    let run = part("io", &["--wait-ms=200"]);
    // Two 200 ms waits: about 2x on threads; 1.3 leaves room for a loaded machine.
    let speedup = run.number_after("Threads were");
    assert!(speedup > 1.3, "threads should overlap the waits: {run}");
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
        .assert_prints("sorted: [1, 4, 9, 16, 25]");
}

#[test]
fn main_returning_stops_the_ticker_and_join_waits_for_it() {
    let run = part("background", &[]);
    let ticks = run.numbers_after("-> ");
    assert_eq!(ticks.len(), 2, "{run}");
    assert!(
        ticks[0] < 10.0,
        "without join the process must end mid-way: {run}"
    );
    assert_eq!(ticks[1], 10.0, "with join every tick happens: {run}");
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
}

#[test]
fn the_unsynchronised_version_does_not_compile() {
    check_compile_error(
        DIR,
        "compile_fail/unsynchronised_push.rs",
        "compile_fail/unsynchronised_push.stderr",
    );
}

#[test]
fn help_lists_the_parts_and_mistakes_get_one_line() {
    let help = run(LESSON, &["--help"]);
    help.assert_success()
        .assert_prints("Usage: cargo run -p lesson-01");
    let bad = run(LESSON, &["--wait-ms=soon"]);
    assert_eq!(bad.status.code(), Some(2), "{bad}");
    assert_eq!(bad.stderr.lines().count(), 1, "one line, no panic: {bad}");
    let unknown = run(LESSON, &["nonsense"]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown}");
    let by_hand = run(LESSON, &["--child-role", "ticker"]);
    assert_eq!(
        by_hand.status.code(),
        Some(2),
        "a role typed by hand is refused: {by_hand}"
    );
}
