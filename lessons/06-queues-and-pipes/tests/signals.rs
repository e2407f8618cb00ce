//! No child of the lesson outlives it, even when the lesson is killed with
//! SIGKILL (no destructor runs then): each child asked the kernel to kill it
//! when its parent dies, and Python's worker watches its parent.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use course_test::stopped::{descendants, running};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-06");

/// Whether the command line of process `pid` contains `marker`.
fn runs(pid: u32, marker: &str) -> bool {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .is_ok_and(|line| String::from_utf8_lossy(&line).contains(marker))
}

/// Waits until `lesson` has at least `at_least` descendants whose command
/// line contains `marker`, kills it with SIGKILL, and checks that every
/// descendant it had is gone within 5 s.
fn killed_leaves_nothing(mut lesson: Child, marker: &str, at_least: usize) {
    let start = Instant::now();
    let marked = |children: &[u32]| {
        children.iter().filter(|&&c| runs(c, marker)).count()
    };
    let mut children = descendants(lesson.id());
    // Counted once per look: a worker may end between two reads of /proc.
    let mut seen = marked(&children);
    while seen < at_least && start.elapsed() < Duration::from_secs(20) {
        thread::sleep(Duration::from_millis(20));
        children = descendants(lesson.id());
        seen = marked(&children);
    }
    assert!(seen >= at_least, "children: {children:?}");
    lesson.kill().unwrap(); // SIGKILL
    lesson.wait().unwrap();
    let start = Instant::now();
    while children.iter().any(|&c| running(c))
        && start.elapsed() < Duration::from_secs(5)
    {
        thread::sleep(Duration::from_millis(20));
    }
    let left: Vec<u32> = children.into_iter().filter(|&c| running(c)).collect();
    for &pid in &left {
        // Leave nothing behind, even when the test fails.
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    assert!(left.is_empty(), "still running after SIGKILL: {left:?}");
}

#[test]
fn a_consumer_process_dies_with_its_killed_parent() {
    // 50 messages at 100 ms each: the consumer is still busy when killed.
    let mut lesson = Command::new(LESSON)
        .args(["credits", "--consume-ms=100"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(lesson.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap(); // the part has started
    killed_leaves_nothing(lesson, "--child-role", 1);
}

#[test]
fn python_and_its_worker_die_with_the_killed_lesson() {
    if course_kit::python::Python::find().is_none() {
        eprintln!("{}", course_kit::python::NOT_FOUND);
        return;
    }
    // Python is measured first, for seconds with this many messages: python3
    // and the worker process it starts are both running when the kill comes.
    let lesson = Command::new(LESSON)
        .args(["speed", "--messages=200000"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    killed_leaves_nothing(lesson, "messages.py", 2);
}

#[test]
fn a_python_queue_worker_dies_with_its_killed_python() {
    if course_kit::python::Python::find().is_none() {
        eprintln!("{}", course_kit::python::NOT_FOUND);
        return;
    }
    // The worker holds both ends of the queue's pipe (fork copied them), so
    // its parent's death brings it no end of input: only its watch ends it.
    let script = format!("{}/python/messages.py", env!("CARGO_MANIFEST_DIR"));
    let python = Command::new("python3")
        .args(["-B", &script, "--messages=10000000", "--routes=queue"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    killed_leaves_nothing(python, "messages.py", 1);
}
