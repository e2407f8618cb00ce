//! Runs lesson 10 as a real process, with small workloads to keep the test quick:
//! checks the facts it prints, and that its output is still what the book shows.
//! The book shows the default workloads: after `RECORD_OUTPUT=1`, record both
//! parts again with `cargo run -q -p lesson-10 -- compare > lessons/10-choosing/output/compare.txt`
//! (and the same for `mixed`), with `RUST_BACKTRACE` unset.

use course_test::{Run, check_command_line, check_recording, run};

course_test::lesson_under_test!("lesson-10");

/// The time on the row of `workload` and `model`, in ms.
fn time_of(run: &Run, workload: &str, model: &str) -> f64 {
    let row = run
        .stdout
        .lines()
        .find(|line| line.contains(workload) && line.contains(model))
        .unwrap_or_else(|| panic!("no row for {workload} {model}: {run}"));
    let (_, rest) = row.split_once(model).unwrap();
    let number: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number
        .parse()
        .unwrap_or_else(|_| panic!("no time in {row:?}"))
}

#[test]
fn every_model_runs_both_workloads() {
    let run = run(
        LESSON,
        &[
            "compare",
            "--rounds=4000000",
            "--io-jobs=20",
            "--wait-ms=20",
        ],
    );
    run.assert_success();
    check_recording(&run, format!("{DIR}/output/compare.txt"));
    let models = [
        "one at a time",
        "a thread each",
        "rayon pool",
        "a process each",
        "async tasks",
    ];
    for workload in ["CPU-bound", "I/O-bound"] {
        for model in models {
            assert!(
                time_of(&run, workload, model) > 0.0,
                "{workload} {model}: {run}"
            );
        }
    }
    // 20 waits of 20 ms: 400 ms one at a time. A thread or a task each overlaps
    // them all; 0.5 leaves room for a busy machine.
    let alone = time_of(&run, "I/O-bound", "one at a time");
    assert!(alone >= 400.0, "{run}");
    for model in ["a thread each", "async tasks", "a process each"] {
        assert!(
            time_of(&run, "I/O-bound", model) < 0.5 * alone,
            "{model}: {run}"
        );
    }
    // A pool sized for the cores runs only that many waits at once.
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cpus <= 5 {
        let pool = time_of(&run, "I/O-bound", "rayon pool");
        let threads = time_of(&run, "I/O-bound", "a thread each");
        assert!(
            pool > 2.0 * threads,
            "a {cpus}-thread pool queues 20 waits: {run}"
        );
    }
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, "lesson-10", "io-jobs");
    // In range, or one line saying so: 0 jobs mean nothing, 10000 would start
    // 10000 threads and processes.
    for out_of_range in ["--cpu-jobs=0", "--io-jobs=10000"] {
        let refused = run(LESSON, &["compare", out_of_range]);
        assert!(!refused.status.success(), "{refused}");
        assert!(
            refused.stderr.contains("needs a whole number from"),
            "{refused}"
        );
        assert_eq!(refused.stderr.lines().count(), 1, "{refused}");
    }
}

#[test]
fn computing_on_the_runtime_holds_up_the_waits() {
    let run = run(LESSON, &["mixed", "--io-jobs=20"]);
    run.assert_success();
    check_recording(&run, format!("{DIR}/output/mixed.txt"));
    let waits = run.numbers_after("waits done in ");
    let all = run.numbers_after("everything in ");
    assert_eq!((waits.len(), all.len()), (2, 2), "{run}");
    // On the runtime, the waits end only once the computing lets the worker
    // threads go: about when everything ends. Sent off, they end long before.
    assert!(waits[0] > 0.5 * all[0], "{run}");
    assert!(waits[1] < 0.75 * waits[0], "{run}");
}
