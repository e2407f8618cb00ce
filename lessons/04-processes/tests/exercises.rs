//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 04` runs them on your answers in `exercises/`.

use std::process::Command;
use std::time::{Duration, Instant};

use lesson_04::ex1_run_together::run_together;
use lesson_04::ex2_how_it_ended::{Ending, ending, run_with_deadline};
use lesson_04::ex3_parent_of::{parent_of, parse_stat};
use lesson_04::together::children_of;

fn shell(script: &str) -> Command {
    let mut command = Command::new("sh");
    command.args(["-c", script]);
    command
}

#[test]
fn ex1_exit_codes_come_back_in_order() {
    let mut commands = [shell("exit 0"), shell("exit 3"), shell("kill -KILL $$")];
    let codes = run_together(&mut commands).unwrap();
    assert_eq!(codes, [Some(0), Some(3), None]);
}

#[test]
fn ex1_the_children_run_at_the_same_time() {
    let mut commands: Vec<Command> = (0..4).map(|_| shell("sleep 0.4")).collect();
    let started = Instant::now();
    let codes = run_together(&mut commands).unwrap();
    let took = started.elapsed();
    assert_eq!(codes, [Some(0); 4]);
    // One by one would take 1.6 s; together about 0.4 s.
    assert!(
        took < Duration::from_millis(1200),
        "4 sleeps of 0.4 s took {took:?}: were they started one at a time?"
    );
}

#[test]
fn ex1_a_command_that_cannot_start_leaves_no_child_running() {
    // The sleep starts; the second command cannot. The guards must then kill and reap
    // the sleep right away, instead of leaving it running (or waiting 5 s for it).
    let mut sleep = Command::new("sleep");
    sleep.arg("5.0625"); // an odd length, to find it among our children
    let mut commands = [sleep, Command::new("/nonexistent/program")];
    let started = Instant::now();
    let result = run_together(&mut commands);
    let took = started.elapsed();
    assert!(
        result.is_err(),
        "the second command cannot start: {result:?}"
    );
    assert!(
        took < Duration::from_secs(3),
        "returning the error took {took:?}: did it wait for the sleep?"
    );
    let left: Vec<_> = children_of(std::process::id())
        .unwrap()
        .into_iter()
        .filter(|child| {
            std::fs::read(format!("/proc/{}/cmdline", child.pid))
                .is_ok_and(|cmdline| cmdline.ends_with(b"5.0625\0"))
        })
        .collect();
    assert!(
        left.is_empty(),
        "the sleep is still there after the error (keep every child in a ChildGuard): {left:?}"
    );
}

#[test]
fn ex2_exits_and_signals_are_told_apart() {
    let exited = shell("exit 7").status().unwrap();
    assert_eq!(ending(exited), Ending::Exited(7));
    let terminated = shell("kill -TERM $$").status().unwrap();
    assert_eq!(ending(terminated), Ending::Signalled(15));
}

#[test]
fn ex2_a_slow_child_is_killed_at_the_deadline() {
    let started = Instant::now();
    let slow = run_with_deadline(Command::new("sleep").arg("10"), Duration::from_millis(200));
    assert_eq!(slow.unwrap(), Ending::Signalled(9));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it should not wait for the whole sleep"
    );
    let quick = run_with_deadline(&mut shell("exit 2"), Duration::from_secs(10));
    assert_eq!(quick.unwrap(), Ending::Exited(2));
}

#[test]
fn ex3_stat_lines_are_parsed() {
    assert_eq!(parse_stat("42 (bash) S 1 42 42 0 -1"), Some(('S', 1)));
    assert_eq!(
        parse_stat("977 (my (odd) app) Z 900 977 977 0"),
        Some(('Z', 900)),
        "the name holds parentheses and spaces"
    );
    assert_eq!(parse_stat("not a stat line"), None);
    assert_eq!(parse_stat("5 (x) R not-a-pid"), None);
}

#[test]
fn ex3_my_child_has_me_as_parent() {
    let mut child = Command::new("sleep").arg("5").spawn().unwrap();
    let parent = parent_of(child.id());
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(parent, Some(std::process::id()));
    assert_eq!(
        parent_of(child.id()),
        None,
        "a reaped child has no stat file"
    );
}
