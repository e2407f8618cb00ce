//! Runs lesson 02 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{check_command_line, check_compile_fail, run};

course_test::lesson_under_test!("lesson-02");

#[test]
fn join_gives_the_values_back_in_start_order() {
    let run = part("join", &[]);
    let words: Vec<f64> = ["guide.md", "notes.md", "todo.md"]
        .iter()
        .map(|name| run.number_after(name))
        .collect();
    assert_eq!(words, [20.0, 7.0, 2.0], "{run}");
    // The waits were 300, 200 and 100 ms: together about 300 ms. One after
    // the other they cannot take less than 600 ms, however busy the machine,
    // so anything shorter shows that they overlapped.
    let together = run.millis_after("All three took");
    let one_by_one = run.millis_after("they would wait");
    assert!(
        together < one_by_one,
        "the threads should have waited at the same time: {run}"
    );
}

#[test]
fn an_err_and_a_panic_are_told_apart() {
    let run = part("errors", &[]);
    run.assert_prints("kitchen  returned Ok: median 21.5")
        .assert_prints("garage   returned Err: bad reading \"n/a\"")
        .assert_prints("attic    panicked: index out of bounds")
        .assert_prints("Err(garage failed: bad reading")
        .assert_prints("Err(attic panicked: index out of bounds");
    assert!(
        run.stderr.contains("thread 'attic'")
            && run.stderr.contains("panicked"),
        "the panic names its thread on stderr: {run}"
    );
}

#[test]
fn scoped_threads_return_borrows() {
    let run = part("scoped", &[]);
    run.assert_prints("\"GET /api/orders/7 200 9ms\"")
        .assert_prints(
            "\"GET /api/reports/monthly?year=2025&format=csv 200 412ms\"",
        );
    assert_eq!(run.stdout.matches("(no copy): true").count(), 2, "{run}");
}

#[test]
fn main_works_while_the_job_runs() {
    let run = part("poll", &[]);
    assert!(run.number_after("main did") >= 1.0, "{run}");
    run.assert_prints("the job returned 4998 cents");
    assert!(
        run.millis_after("cents after") >= 200.0,
        "join cannot return before the job is done: {run}"
    );
}

#[test]
fn one_round_is_called_a_round() {
    // A 20 ms job and 30 ms rounds: main does one round, and says "1 round".
    let short = run(LESSON, &["poll", "--wait-ms=10"]);
    short.assert_success();
    assert!(
        !short.stdout.contains(" 1 rounds"),
        "say \"1 round\", not \"1 rounds\": {short}"
    );
}

#[test]
fn a_deadline_can_pass_before_the_value_arrives() {
    // Main's 100 ms of work can end late enough, on a busy machine, that the
    // 300 ms job is done before the first deadline; the lesson says so then.
    let run = part_showing("oneshot", &[], "for the value: Err(Timeout)");
    run.assert_prints("Ok(4998) after")
        .assert_prints("main's own work meanwhile: counted 20 words")
        .assert_prints("wait() gave Err(RecvError)");
}

#[test]
fn a_kept_sender_turns_a_crash_into_a_wait() {
    // Shorter waits than the book's: the fact is the same, the test is faster.
    part("never", &["--wait-ms=50"])
        .assert_prints(
            "only the worker held a sender: waiting ended with Disconnected",
        )
        .assert_prints(
            "main kept a sender too:        waiting ended with Timeout",
        );
}

#[test]
fn a_thread_cannot_return_an_rc() {
    check_compile_fail(DIR);
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "wait-ms");
    // Every option at and past its bounds: tests/options.rs.
}
