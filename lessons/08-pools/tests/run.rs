//! Runs lesson 08 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{check_command_line, check_compile_fail};

course_test::lesson_under_test!("lesson-08");

fn python_present() -> bool {
    course_kit::python::Python::find().is_some()
}

#[test]
fn the_parallel_map_gives_the_same_answers_and_python_beside_it() {
    let with_python = python_present();
    // The recording holds Python's rows: compare with it only when they can
    // be there.
    let run = if with_python {
        part("map", &[])
    } else {
        course_test::run(LESSON, &["map"])
    };
    run.assert_success();
    // The longest Collatz run up to 300000 starts at 230631 and takes 442
    // steps.
    run.assert_prints("300000 answers in input order")
        .assert_prints("starts at 230631 (442 steps)");
    if with_python {
        run.assert_prints("The same map over 1..=20000 in Python 3.");
        for row in ["one thread (map)", "pool (Pool.map)"] {
            let line = run.stdout.lines().find(|l| l.contains(row));
            let cells: Vec<&str> = line
                .unwrap_or_else(|| panic!("no row {row}: {run}"))
                .split("  ")
                .filter(|c| !c.trim().is_empty())
                .collect();
            assert_eq!(cells.len(), 4, "{row}: {run}");
            assert!(cells[3].trim().ends_with('x'), "a ratio: {run}");
        }
    }
}

#[test]
fn without_python_the_rust_rows_still_show() {
    let stdout = course_test::run_without_python(LESSON, &["map"]);
    assert!(!stdout.contains("Python/Rust"), "{stdout}");
    assert!(stdout.contains("speedup:"), "{stdout}");
}

#[test]
fn map_reduce_counts_every_word() {
    let run = part("reduce", &[]);
    run.assert_prints("Same counts both ways: 600000 words, 12 different");
}

#[test]
fn every_thread_of_a_small_pool_takes_part() {
    let run = part("sizes", &[]);
    // Not the speedup: other programs on the machine decide how much the pool
    // gets of the cores. That each pool thread got work is this lesson's doing.
    let busy = run.numbers_after("took part: ");
    assert!(busy.len() >= 2, "{run}");
    assert_eq!(busy[0], 1.0, "a pool of 1 thread: {run}");
    assert_eq!(busy[1], 2.0, "both threads of a pool of 2 got work: {run}");
}

#[test]
fn get_times_out_and_the_work_goes_on() {
    let run = part("background", &[]);
    run.assert_prints("ready: false")
        .assert_prints("get(timeout 1 ms): timed out; the work goes on")
        .assert_prints("get(timeout 30 s): 300000 answers");
}

#[test]
fn the_handmade_pool_shares_the_jobs() {
    let run = part("handmade", &[]);
    let workers = run
        .stdout
        .lines()
        .filter(|l| l.contains("pool-worker-"))
        .count();
    assert_eq!(workers, 3, "every worker got jobs: {run}");
    let line = run.stdout.lines().find(|l| l.contains("done in")).unwrap();
    assert!(
        line.contains("ms of work, done in")
            && line.ends_with("ms: a free worker takes the next job."),
        "{run}"
    );
    // Who ran what: every job exactly once, whoever took it. (That three ran
    // at a time, the picture's test checks from the spans, not the clock.)
    let mut jobs: Vec<u64> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_once(" jobs: "))
        .flat_map(|(_, list)| list.split(','))
        .map(|n| n.parse().unwrap())
        .collect();
    jobs.sort_unstable();
    assert_eq!(jobs, (1..=12).collect::<Vec<_>>(), "{run}");
}

#[test]
fn a_crash_and_a_hang_do_not_stop_the_process_pool() {
    // A deadline long enough that on a busy machine only the hang misses it:
    // a fresh worker process must start before it can answer.
    let run = part("processes", &["--job-deadline-ms=2000"]);
    // `abort` ends the process with SIGABRT, signal 6.
    run.assert_prints(": crashed (killed by signal 6); replaced")
        .assert_prints("killed; replaced")
        .assert_prints("6 of 8 jobs done, 4 worker processes started");
    run.assert_prints("done: 77031 (350 steps)");
    assert!(
        run.stderr.contains("the job asked this worker to crash"),
        "the crashed worker's message goes to stderr: {run}"
    );
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "numbers");
}

#[test]
fn a_shared_total_cannot_be_added_to_from_the_pool() {
    check_compile_fail(DIR);
}
