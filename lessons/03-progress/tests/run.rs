//! Runs lesson 03 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers and order aside).

use course_kit::testing::{Run, check_compile_error, check_recording, run};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-03");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Runs one part with its default settings, as the book shows it.
fn part(name: &str) -> Run {
    let run = run(LESSON, &[name]);
    run.assert_success();
    check_recording(&run, format!("{DIR}/output/{name}.txt"));
    run
}

#[test]
fn main_sees_the_counter_move_while_the_worker_runs() {
    let run = part("shared");
    run.assert_prints("The worker returned 20.")
        .assert_prints("indexed 20 of 20 files (after join)");
    let looked = run.number_after("Main looked");
    let different = run.number_after("times and saw");
    assert!(looked >= 2.0, "{run}");
    assert!(
        different >= 2.0,
        "main should see the count change while the worker runs: {run}"
    );
}

#[test]
fn several_jobs_share_one_line() {
    part("several")
        .assert_prints("thumbnails returned 20 (100%)")
        .assert_prints("search returned 12 (100%)")
        .assert_prints("backup returned 8 (100%)");
}

#[test]
fn every_message_arrives() {
    let run = part("messages");
    run.assert_prints("Results: [5, 5]")
        .assert_prints("all 10 that were sent");
    assert_eq!(run.number_after("Main received"), 10.0, "{run}");
}

#[test]
fn bars_finish_and_hide_when_not_in_a_terminal() {
    part("bars")
        .assert_prints("thumbnails 20/20 in")
        .assert_prints("search     12/12 in")
        .assert_prints("backup     8/8 in")
        .assert_prints("Bars drawn: false");
}

#[test]
fn a_stopped_worker_returns_its_partial_work() {
    let run = part("stop");
    for how in ["with a flag:", "with a channel:"] {
        let indexed = run.number_after(how);
        assert!(
            (1.0..20.0).contains(&indexed),
            "{how} the worker should stop part-way: {run}"
        );
    }
}

#[test]
fn main_returning_skips_the_cleanup() {
    let run = part("exit");
    let cleanups = run.stdout.matches("-> cleanup ran: ").count();
    assert_eq!(cleanups, 2, "{run}");
    run.assert_prints("-> cleanup ran: false")
        .assert_prints("-> cleanup ran: true")
        .assert_prints("worker: asked to stop after");
    assert!(
        !run.stdout.contains("file 100 of 100"),
        "no worker may finish all 100 files: {run}"
    );
}

#[test]
fn the_work_can_be_made_shorter() {
    // What a learner's `--step-ms=2 --files=10` does: the same facts, much sooner.
    let run = run(LESSON, &["--step-ms=2", "--files=10"]);
    run.assert_success()
        .assert_prints("The worker returned 10.")
        .assert_prints("Results: [2, 2]")
        .assert_prints("thumbnails 10/10 in")
        .assert_prints("-> cleanup ran: false")
        .assert_prints("-> cleanup ran: true");
}

#[test]
fn a_plain_counter_cannot_be_shared() {
    check_compile_error(
        DIR,
        "compile_fail/plain_counter.rs",
        "compile_fail/plain_counter.stderr",
    );
}

#[test]
fn help_lists_the_parts_and_mistakes_get_one_line() {
    let help = run(LESSON, &["--help"]);
    help.assert_success()
        .assert_prints("Usage: cargo run -p lesson-03")
        .assert_prints("--step-ms=N");
    let bad = run(LESSON, &["--step-ms=quick"]);
    assert_eq!(bad.status.code(), Some(2), "{bad}");
    assert_eq!(bad.stderr.lines().count(), 1, "one line, no panic: {bad}");
    let out_of_range = run(LESSON, &["--files=0"]);
    assert_eq!(out_of_range.status.code(), Some(1), "{out_of_range}");
    assert!(
        out_of_range
            .stderr
            .contains("--files must be from 1 to 10000")
            && out_of_range.stderr.lines().count() == 1,
        "one line, no panic: {out_of_range}"
    );
    let unknown = run(LESSON, &["nonsense"]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown}");
    let by_hand = run(LESSON, &["--child-role", "indexer"]);
    assert_eq!(by_hand.status.code(), Some(2), "{by_hand}");
}
