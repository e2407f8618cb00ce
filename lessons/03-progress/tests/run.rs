//! Runs lesson 03 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{Run, check_command_line, check_compile_fail, run};

course_test::lesson_under_test!("lesson-03");

#[test]
fn main_sees_the_counter_move_while_the_worker_runs() {
    let run = part("shared", &[]);
    run.assert_prints(
        "The worker returned 20; the counter read after join: 20.",
    )
    .assert_prints("(the last after join)");
    let looked = run.number_after("Main looked");
    let different = run.number_after("and saw");
    assert!(looked >= 2.0, "{run}");
    assert!(
        different >= 2.0,
        "main should see the count change while the worker runs: {run}"
    );
}

#[test]
fn several_jobs_share_one_line() {
    part("several", &[])
        .assert_prints("thumbnails returned 20 (100%)")
        .assert_prints("search returned 12 (100%)")
        .assert_prints("backup returned 8 (100%)");
}

#[test]
fn every_message_arrives() {
    let run = part("messages", &[]);
    run.assert_prints("Results: [5, 5]")
        .assert_prints("all 10 that were sent");
    assert_eq!(run.number_after("Main received"), 10.0, "{run}");
}

#[test]
fn bars_finish_and_hide_when_not_in_a_terminal() {
    part("bars", &[])
        .assert_prints("thumbnails 20/20 in")
        .assert_prints("search     12/12 in")
        .assert_prints("backup     8/8 in")
        .assert_prints("Bars drawn: false");
}

#[test]
fn a_stopped_worker_returns_its_partial_work() {
    let run = part("stop", &[]);
    for how in ["with a flag:", "with a channel:"] {
        let indexed = run.number_after(how);
        assert!(
            (1.0..20.0).contains(&indexed),
            "{how} the worker should stop part-way: {run}"
        );
    }
}

#[test]
fn a_request_during_the_last_file_is_not_called_early() {
    // The stop request comes in the middle of the last file (or the only one):
    // the flag worker finishes it without seeing the request.
    for args in [
        ["stop", "--files=1", "--step-ms=25"],
        ["stop", "--files=2", "--step-ms=5"],
    ] {
        let run = run(LESSON, &args);
        run.assert_success();
        assert!(
            !run.stdout.contains("before the request")
                && !run.stdout.contains(" 1 files"),
            "{run}"
        );
        let flag = run
            .stdout
            .lines()
            .find(|line| line.contains("with a flag:"))
            .unwrap_or_else(|| panic!("no flag line: {run}"));
        assert!(
            flag.contains("it never saw the request")
                || flag.contains("stopped after"),
            "{run}"
        );
    }
}

/// What a terminal shows: runs the lesson under a pseudo-terminal made by
/// `script` (util-linux; on Debian in the essential package bsdutils). Returns
/// `None`, and says so, where `script` is missing.
fn in_a_terminal(args: &str) -> Option<Run> {
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|path| std::path::Path::new(path).exists());
    let Some(script) = script else {
        eprintln!(
            "skipped: no `script` command to make a pseudo-terminal with"
        );
        return None;
    };
    // -q: no "Script started" lines; -e: exit with the lesson's status;
    // -c: the command; /dev/null: keep no typescript file.
    let command = format!("{LESSON} {args}");
    Some(run(script, &["-q", "-e", "-c", &command, "/dev/null"]))
}

#[test]
fn in_a_terminal_the_line_and_the_bars_redraw_in_place() {
    let Some(run) = in_a_terminal("shared --files=6 --step-ms=10") else {
        return;
    };
    run.assert_success();
    // In place: each update starts with `\r`, and the final count is there.
    assert!(
        run.stdout.matches("\r  indexed ").count() >= 2,
        "updates rewrite one line: {run:?}"
    );
    assert!(run.stdout.contains("\r  indexed 6 of 6 files"), "{run:?}");
    let Some(run) = in_a_terminal("bars --files=5 --step-ms=5") else {
        return;
    };
    run.assert_success()
        .assert_prints("Bars drawn: true (stderr is a terminal)")
        .assert_prints("thumbnails [==============================]   5/5");
}

#[test]
fn main_returning_skips_the_cleanup() {
    let run = part("exit", &[]);
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
    // What a learner's `--step-ms=2 --files=10` does: the same facts, much
    // sooner.
    let run = run(LESSON, &["--step-ms=2", "--files=10"]);
    run.assert_success()
        .assert_prints("The worker returned 10;")
        .assert_prints("Results: [2, 2]")
        .assert_prints("thumbnails 10/10 in")
        .assert_prints("-> cleanup ran: false")
        .assert_prints("-> cleanup ran: true");
}

#[test]
fn a_plain_counter_cannot_be_shared() {
    check_compile_fail(DIR);
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "step-ms");
    // Every option at and past its bounds: tests/options.rs.
}
