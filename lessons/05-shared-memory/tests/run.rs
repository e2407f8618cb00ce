//! Runs lesson 05 as a real process, part by part: checks the facts it prints,
//! that it leaves nothing in /dev/shm, and that its output is still what the
//! book shows (numbers aside).

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use course_test::shm;
use course_test::{
    Run, check_command_line, check_compile_fail, check_recording, run, run_role,
};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-05");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// One run of the lesson at a time in this file: every `create` removes dead
/// owners' segments, so a run going on beside another could hide the other's
/// leak.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Runs one part with its default settings, as the book shows it, and checks
/// that no segment it names is left in /dev/shm.
fn part(name: &str) -> Run {
    let run = run_checked(&[name]);
    run.assert_success();
    check_recording(&run, format!("{DIR}/output/{name}.txt"));
    let left: Vec<&str> = segment_names(&run)
        .into_iter()
        .filter(|name| std::path::Path::new("/dev/shm").join(name).exists())
        .collect();
    assert!(left.is_empty(), "left in /dev/shm: {left:?}{run}");
    run
}

/// Runs the lesson, then checks that it leaked no segment, named or not in its
/// output: none made during the run is left whose owner has ended.
fn run_checked(args: &[&str]) -> Run {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    // file times are coarse
    let started = SystemTime::now() - Duration::from_secs(1);
    let run = run(LESSON, args);
    let leaked = shm::left_since(started);
    assert!(leaked.is_empty(), "leaked in /dev/shm: {leaked:?}{run}");
    run
}

/// Every `course-kit-...` segment name the run printed.
fn segment_names(run: &Run) -> Vec<&str> {
    run.stdout
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|word| word.starts_with("course-kit-"))
        .collect()
}

#[test]
fn the_parent_sees_what_the_child_wrote() {
    let run = part("value");
    assert_eq!(segment_names(&run).len(), 2, "{run}");
    run.assert_prints("value 3.141592653589793")
        .assert_prints("array [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]");
}

#[test]
fn the_sleeping_child_sees_the_parents_change() {
    part("sleeping")
        .assert_prints("before sleeping: value 1, results [0, 0, 0, 0, 0]")
        .assert_prints("after sleeping:  value 2, results [10, 0, 0, 0, 0]")
        .assert_prints("after the child, value 10, results [11, 4, 9, 16, 25]");
    // Even with no sleep at all, the child waits for the parent's change.
    run_checked(&["sleeping", "--sleep-ms=0"])
        .assert_success()
        .assert_prints("after sleeping:  value 2, results [10, 0, 0, 0, 0]")
        .assert_prints("after the child, value 10, results [11, 4, 9, 16, 25]");
}

#[test]
fn the_parent_watches_the_count_climb() {
    let run = part("progress");
    let seen = run.numbers_after("parent: ");
    assert!(
        seen.len() >= 2,
        "the parent should look more than once: {run}"
    );
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "never goes down: {run}"
    );
    assert_eq!(
        *seen.last().unwrap(),
        10.0,
        "all 10 steps at the end: {run}"
    );
    assert!(seen[0] < 10.0, "the first look comes before the end: {run}");
}

#[test]
fn five_processes_in_turn_count_to_six() {
    let run = part("in-turn");
    assert_eq!(run.number_after("the shared counter:"), 6.0, "{run}");
    assert_eq!(run.number_after("the plain number:"), 1.0, "{run}");
    assert_eq!(run.numbers_after("my copy of plain is"), [2.0; 5], "{run}");
}

#[test]
fn load_then_store_loses_updates_and_fetch_add_does_not() {
    // fetch_add never loses one. Whether load-then-store loses some depends on
    // the two adders running at the same moment, which a busy machine may never
    // allow: then the lesson must say so rather than claim a loss it did not
    // see.
    let run = part("race");
    assert_eq!(
        run.number_after("Lost by fetch_add, in 3 rounds:"),
        0.0,
        "{run}"
    );
    let lost = run.number_after("Lost by load then store, in 3 rounds:");
    assert!(
        lost > 0.0 || run.stdout.contains("Note: no update was lost"),
        "{run}"
    );
}

#[test]
fn only_the_owner_removes_a_segment_and_sigkill_leaves_it() {
    let run = part("lifecycle");
    run.assert_prints("still there after the kill: true; balance 100")
        .assert_prints("still there after the owner dropped it: false")
        .assert_prints("(panicked: true); segment left behind: false")
        .assert_prints("got SIGINT (Ctrl-C): signal: 2 (SIGINT)")
        .assert_prints("got SIGTERM: signal: 15 (SIGTERM)")
        .assert_prints("got SIGKILL: signal: 9 (SIGKILL)");
    let left: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("left behind: "))
        .map(|l| l.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(left, ["false", "false", "false", "true", "false"], "{run}");
}

#[test]
fn plus_equals_on_an_atomic_does_not_compile() {
    check_compile_fail(DIR);
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "rounds");
}

#[test]
fn a_child_given_a_wrong_handle_says_so() {
    let child = run_role(LESSON, "worker", &["3", "10", "/course-kit-1-1-1"]);
    assert_eq!(child.status.code(), Some(1), "{child}");
    assert!(
        child
            .stderr
            .contains("cannot open shared memory /course-kit-1-1-1"),
        "{child}"
    );
}

#[test]
#[cfg(feature = "shared-memory-crate")]
fn the_shared_memory_crate_works_and_its_pitfalls_show() {
    let started = SystemTime::now() - Duration::from_secs(1);
    let run = part("crate");
    run.assert_prints("and added 100; the parent reads 101")
        .assert_prints("as an f64: 4.94e-322; as two u32s: [100, 0]")
        .assert_prints("then through an AtomicU8 it saw it: true")
        .assert_prints(
            "still in /dev/shm: true; after the part removed it: false",
        );
    // Whether the `&mut [u8]` read saw the flag is undefined behaviour: the
    // part may print either, but says so when it did.
    assert!(
        run.stdout
            .contains("through &mut [u8] it saw the flag: false")
            || run.stdout.contains("Note: this time the plain read saw it")
            || run.stdout.contains("Note: the parent set the flag only"),
        "{run}"
    );
    let left = shm::left_since(started);
    assert!(left.is_empty(), "left in /dev/shm: {left:?}{run}");
}

/// The children of process `pid`: their pids and command-line arguments.
fn children_of(pid: u32) -> Vec<(u32, Vec<String>)> {
    let mut children = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>()
        else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{child}/stat"))
            .unwrap_or_default();
        // After the `(name)`: the state, then the parent's pid.
        let parent = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|ppid| ppid.parse::<u32>().ok());
        if parent == Some(pid) {
            let cmdline = std::fs::read(format!("/proc/{child}/cmdline"))
                .unwrap_or_default();
            let args = String::from_utf8_lossy(&cmdline)
                .split('\0')
                .map(str::to_string)
                .collect();
            children.push((child, args));
        }
    }
    children
}

/// Is process `pid` still running (not ended, not a zombie waiting for
/// whoever adopted it to reap it)?
fn running(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .unwrap_or_default();
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next())
        .is_some_and(|state| state != 'Z' && state != 'X')
}

/// Segment names (`/course-kit-...`, `/shmem_...`) among `args`.
fn segments_in(args: &[String]) -> Vec<&String> {
    args.iter()
        .filter(|a| a.starts_with("/course-kit-") || a.starts_with("/shmem_"))
        .collect()
}

/// Runs `lesson-05 ARGS`; once a child playing `role` has been handed its
/// segments and their names are gone from /dev/shm (unlinked once opened),
/// SIGKILLs the lesson. Then nothing may be left: no segment, no child.
fn sigkill_mid_part(args: &[&str], role: &str) {
    use std::os::unix::process::ExitStatusExt;
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let started = SystemTime::now() - Duration::from_secs(1);
    let mut lesson = std::process::Command::new(LESSON)
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let child = loop {
        let ready = children_of(lesson.id()).into_iter().find(|(_, args)| {
            let names = segments_in(args);
            args.iter().any(|a| a == role)
                && !names.is_empty()
                && names.iter().all(|name| {
                    !std::path::Path::new("/dev/shm").join(&name[1..]).exists()
                })
        });
        if let Some((pid, _)) = ready {
            break pid;
        }
        if std::time::Instant::now() > deadline {
            let _ = lesson.kill();
            let _ = lesson.wait();
            panic!("no `{role}` child with its segments unlinked in 20 s");
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    lesson.kill().unwrap();
    assert_eq!(lesson.wait().unwrap().signal(), Some(9));
    // The child gets its parent-death signal; give it a moment to end.
    let gone = std::time::Instant::now() + Duration::from_secs(5);
    while running(child) {
        assert!(std::time::Instant::now() < gone, "child {child} lives on");
        std::thread::sleep(Duration::from_millis(5));
    }
    let left = shm::left_since(started);
    assert!(left.is_empty(), "SIGKILL mid-{args:?} left {left:?}");
}

#[test]
fn sigkill_while_a_child_sleeps_leaves_nothing() {
    sigkill_mid_part(&["sleeping", "--sleep-ms=3000"], "sleepy");
}

#[test]
#[cfg(feature = "shared-memory-crate")]
fn sigkill_while_a_crate_child_waits_leaves_nothing() {
    sigkill_mid_part(&["crate"], "crate-flag");
}

/// An owner whose parent is killed by SIGKILL gets SIGTERM instead (its
/// parent-death signal), and course-kit's watcher removes its segment.
#[test]
fn an_owner_whose_parent_is_sigkilled_removes_its_segment() {
    use std::io::{BufRead, BufReader};
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    // `sh` plays the lesson: the owner's parent, with the parent marker set.
    let script = format!(
        "{}=$$ \"$0\" {} owner & wait",
        course_kit::child::PARENT_ENV,
        course_kit::child::ROLE_ARG
    );
    let mut parent = std::process::Command::new("sh")
        .args(["-c", &script, LESSON])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut name = String::new();
    BufReader::new(parent.stdout.take().unwrap())
        .read_line(&mut name)
        .unwrap();
    let name = name.trim().to_string();
    let in_dev_shm = || std::path::Path::new("/dev/shm").join(&name[1..]);
    assert!(in_dev_shm().exists(), "no segment {name:?}");
    let owner = course_kit::shm::owner_pid(&name[1..]).unwrap();
    parent.kill().unwrap();
    let _ = parent.wait();
    let gone = std::time::Instant::now() + Duration::from_secs(5);
    while running(owner) {
        assert!(std::time::Instant::now() < gone, "the owner lives on");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!in_dev_shm().exists(), "{name} outlived its owner");
}
