//! Runs lesson 04 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{Run, check_command_line, check_compile_fail, run, run_role};

course_test::lesson_under_test!("lesson-04");

/// The pids in lines that start with `prefix` (e.g. "  child "): the number
/// right after it.
fn pids_after(run: &Run, prefix: &str) -> Vec<u64> {
    run.stdout
        .lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect()
}

#[test]
fn the_child_is_another_process_whose_parent_is_the_lesson() {
    let run = part("start", &[]);
    let parents = pids_after(&run, "  parent ");
    let children = pids_after(&run, "  child ");
    assert!(!parents.is_empty() && !children.is_empty(), "{run}");
    assert_ne!(parents[0], children[0], "two processes: {run}");
    assert_eq!(
        run.number_after("my parent is"),
        parents[0] as f64,
        "the child's parent pid is the lesson's pid: {run}"
    );
    run.assert_prints(r#"my arguments are ["--child-role", "greet", "Ada"]"#)
        .assert_prints("the child exited with exit status: 0");
}

#[test]
fn std_child_dropped_is_neither_killed_nor_reaped_but_a_guard_is() {
    let run = part("dropped", &[]);
    run.assert_prints("exited at once: pid")
        .assert_prints("sleeps 60 s:")
        .assert_prints("killed and reaped both by pid");
    let states: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.split(", state ").nth(1))
        .collect();
    assert_eq!(states, ["Z", "S"], "a zombie and a live child: {run}");
    assert_eq!(
        run.numbers_after("children of this process:"),
        [2.0, 0.0],
        "std leaves two children behind, the guard none: {run}"
    );
    assert_eq!(run.stdout.matches(": gone").count(), 2, "{run}");
}

#[test]
fn each_child_carries_its_name_in_the_process_list() {
    let run = part("names", &[]);
    for name in ["worker-1", "worker-2", "fetch"] {
        run.assert_prints(&format!("comm: {name}\n"))
            .assert_prints(&format!(
                "cmdline: lesson-04 {name} --child-role named {name}"
            ));
    }
}

/// The test starts the role itself and reads `/proc/PID/comm` while the child
/// waits on its stdin.
#[test]
fn a_named_child_shows_its_name_in_proc() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let mut child = Command::new(LESSON)
        .arg0("lesson-04 tester")
        .args([
            course_kit::child::ROLE_ARG,
            "named",
            "a-long-name-cut-at-15",
        ])
        .env(
            course_kit::child::PARENT_ENV,
            std::process::id().to_string(),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut ready = String::new();
    let stdout = child.stdout.take().unwrap();
    BufReader::new(stdout).read_line(&mut ready).unwrap();
    let pid = child.id();
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm"));
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline"));
    drop(child.stdin.take());
    let status = child.wait().unwrap();
    assert_eq!(ready, "ready\n");
    // The kernel keeps 15 bytes of a name.
    assert_eq!(comm.unwrap(), "a-long-name-cut\n");
    assert!(
        cmdline
            .unwrap()
            .starts_with(b"lesson-04 tester\0--child-role")
    );
    assert!(status.success(), "{status}");
}

#[test]
fn five_children_run_at_the_same_time_and_then_are_gone() {
    let run = part("together", &[]);
    assert_eq!(run.number_after("before:"), 0.0, "{run}");
    assert_eq!(run.number_after("while they run:"), 5.0, "{run}");
    assert_eq!(run.number_after("after waiting:"), 0.0, "{run}");
    assert_eq!(run.stdout.matches("  lesson-04\n").count(), 5, "{run}");
    // That the five lived at the same time, and one by one did not, the
    // picture's test checks from the spans, not from the clock. The clock
    // can only say this much even on a busy machine: one after another,
    // five sleeps of 200 ms take at least 1 s.
    assert!(run.number_after("one after another,") >= 1.0, "{run}");
}

#[test]
fn a_global_changed_by_a_child_is_unchanged_in_the_parent() {
    let run = part("memory", &[]);
    assert_eq!(
        run.number_after("RESULTS holds"),
        5.0,
        "the child's own copy: {run}"
    );
    assert_eq!(
        run.number_after("after the child, RESULTS holds"),
        0.0,
        "{run}"
    );
    assert_eq!(
        run.number_after("after the thread, RESULTS holds"),
        5.0,
        "{run}"
    );
}

#[test]
fn a_child_returns_a_value_and_an_exit_code() {
    part("result", &[])
        .assert_prints("1 to 100: 338350")
        .assert_prints("exit status: 3; code() = Some(3); success() = false")
        .assert_prints("| the input file is missing");
}

#[test]
fn a_child_blocks_on_a_full_pipe_until_it_is_read() {
    let run = part("pipe", &[]);
    assert!(run.number_after("which is full:") >= 4096.0, "{run}");
    run.assert_prints("it was in state S")
        .assert_prints("let it finish: 1048576 bytes, exit status: 0");
}

#[test]
fn sigterm_stops_the_polite_child_and_sigkill_the_stubborn_one() {
    let run = part("stop", &[]);
    run.assert_prints("| got SIGTERM after")
        .assert_prints("exit status: 0; signal() = None")
        .assert_prints("signal: 9 (SIGKILL); signal() = Some(9)");
    let took = run.numbers_after("it ended");
    assert_eq!(took.len(), 2, "{run}");
    assert!(
        took[1] >= 300.0,
        "the stubborn child is killed only after the 300 ms grace period: {run}"
    );
}

#[test]
fn no_zombies_and_no_orphans() {
    let run = part("reap", &[]);
    run.assert_prints("before anyone waits for it: state Z")
        .assert_prints("after wait: gone")
        .assert_prints("failed: reading the settings")
        .assert_prints("its parent became")
        .assert_prints("(this lesson)")
        .assert_prints("to die with it: signal 9 (SIGKILL)");
    assert_eq!(
        run.numbers_after("children still running:"),
        [0.0, 0.0],
        "{run}"
    );
}

#[test]
fn a_closure_is_not_a_program() {
    check_compile_fail(DIR);
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "sleep-ms");
    for children in ["0", "65", "100000000"] {
        let flood =
            run(LESSON, &["together", &format!("--children={children}")]);
        assert_eq!(flood.status.code(), Some(2), "{flood}");
        assert_eq!(flood.stderr.lines().count(), 1, "one line: {flood}");
        assert!(flood.stderr.contains("from 1 to 64"), "{flood}");
        assert!(flood.stdout.is_empty(), "nothing may run: {flood}");
    }
}

#[test]
fn a_child_started_wrongly_says_what_is_missing() {
    // As the lesson starts it, but without the argument the role needs.
    let child = run_role(LESSON, "sleeper", &[]);
    assert_eq!(child.status.code(), Some(1), "{child}");
    assert!(
        child
            .stderr
            .contains("needs argument 1 (milliseconds to sleep)"),
        "{child}"
    );
    assert_eq!(child.stderr.lines().count(), 1, "{child}");
}
