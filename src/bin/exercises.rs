//! `cargo exercises 01`: checks a learner's answers to lesson 01's exercises.
//!
//! It builds the lesson's exercise tests against the starter files in
//! `lessons/NN-topic/exercises/` (the `starter` feature), then runs them exercise by
//! exercise and says what is solved and what is not, with the hint for the one being
//! worked on. `cargo exercises --starters-must-fail` is the check CI runs: on the
//! untouched starters every exercise test, run alone, must fail, or it could never
//! catch a mistake.
//!
//! Verdicts come from exit statuses only: the test binary exits with 0 when every test
//! it ran passed. libtest's human output changes between toolchains, so nothing here
//! depends on it; what a failed test printed is shown as a courtesy, best effort.

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use concurrency_course::lessons::{self, LessonDir};

/// Longer than any exercise test needs; a learner's deadlock must not hang the checker.
const TEST_DEADLINE: Duration = Duration::from_secs(120);

/// How many lines of a failed test's output are shown.
const SHOWN_LINES: usize = 6;

const USAGE: &str = "\
Usage: cargo exercises LESSON...      check your answers (LESSON is 01, 1 or lesson-01)
       cargo exercises --all          check every lesson's exercises
       cargo exercises --starters-must-fail
                                      (for CI) every test must fail on the untouched starters";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<bool> {
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(!args.is_empty())
        }
        Some("--starters-must-fail") => starters_must_fail(),
        Some("--all") => {
            let mut all_solved = true;
            for lesson in lessons::all()? {
                all_solved &= check(&lesson)?;
            }
            Ok(all_solved)
        }
        Some(flag) if flag.starts_with('-') => bail!("unknown flag '{flag}'\n{USAGE}"),
        Some(_) => {
            let mut all_solved = true;
            for name in args {
                all_solved &= check(&lessons::find(name)?)?;
            }
            Ok(all_solved)
        }
    }
}

/// A lesson's `exercises` test binary, built against the starters.
struct StarterTests<'a> {
    lesson: &'a LessonDir,
    binary: PathBuf,
}

/// How a run of some of the tests ended.
enum Outcome {
    /// The test binary exited with success: every test it ran passed.
    Passed,
    /// It exited with failure; what it printed.
    Failed(Output),
    /// It was still running at [`TEST_DEADLINE`] and was killed.
    TimedOut,
    /// It could not be started; why.
    NotRun(String),
}

impl<'a> StarterTests<'a> {
    /// Builds `lesson`'s exercise tests against the starters, once.
    /// `Ok(None)` means the learner's code does not compile (cargo's errors are printed).
    fn build(lesson: &'a LessonDir) -> Result<Option<Self>> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        // Cargo's JSON messages name the test binary; the compiler's errors are still
        // rendered for people on stderr: they are the learner's to read.
        let output = Command::new(cargo)
            .current_dir(lessons::root())
            .args(["test", "--package", &lesson.package])
            .args(["--features", "starter", "--test", "exercises", "--no-run"])
            .args(["--quiet", "--message-format=json-render-diagnostics"])
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .context("running cargo")?;
        if !output.status.success() {
            return Ok(None);
        }
        let messages = String::from_utf8_lossy(&output.stdout);
        let binary = test_binary(&messages).with_context(|| {
            format!(
                "cargo built {}'s exercise tests but named no test binary",
                lesson.package
            )
        })?;
        Ok(Some(Self { lesson, binary }))
    }

    /// The names of the tests that run (`#[ignore]`d ones are left out, as `cargo test` does).
    fn names(&self) -> Result<Vec<String>> {
        let listed = |ignored: bool| -> Result<Vec<String>> {
            let mut command = self.command();
            command.args(["--list", "--format", "terse"]);
            if ignored {
                command.arg("--ignored");
            }
            let Some(output) = run_in_group(&mut command, TEST_DEADLINE)? else {
                bail!("{} did not list its tests in time", self.binary.display());
            };
            if !output.status.success() {
                bail!(
                    "{} could not list its tests:\n{}",
                    self.binary.display(),
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            Ok(listed_tests(&String::from_utf8_lossy(&output.stdout)))
        };
        let ignored = listed(true)?;
        let names: Vec<String> = listed(false)?
            .into_iter()
            .filter(|name| !ignored.contains(name))
            .collect();
        if names.is_empty() {
            bail!("{} has no exercise tests", self.lesson.package);
        }
        Ok(names)
    }

    /// The test binary, started as `cargo test` starts it: in the lesson's folder.
    fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .current_dir(&self.lesson.dir)
            .env("CARGO_MANIFEST_DIR", &self.lesson.dir)
            .env("RUST_BACKTRACE", "0");
        command
    }

    /// Runs exactly the tests `names`, at most [`TEST_DEADLINE`] long.
    fn run(&self, names: &[&str]) -> Outcome {
        let mut command = self.command();
        // Not captured by libtest: a panic message is then the process's own stderr.
        command
            .args(["--exact", "--nocapture", "--color", "never"])
            .args(names);
        match run_in_group(&mut command, TEST_DEADLINE) {
            Ok(Some(output)) if output.status.success() => Outcome::Passed,
            Ok(Some(output)) => Outcome::Failed(output),
            Ok(None) => Outcome::TimedOut,
            Err(error) => Outcome::NotRun(format!("{error:#}")),
        }
    }
}

/// Runs `command` to the end with its output captured, in a process group of its own;
/// `Ok(None)` if it was still running at `deadline` and was killed. Either way the rest
/// of its group goes with it: whatever the tests started and left running (a child that
/// a panicking test never stopped, a learner's stray process) would otherwise hold the
/// output pipes open, and keep running after the checker has given its verdict.
fn run_in_group(command: &mut Command, deadline: Duration) -> Result<Option<Output>> {
    use rustix::process::{Pid, Signal, WaitId, WaitIdOptions, kill_process_group, waitid};
    let mut child = command
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {}", command.get_program().display()))?;
    // Read both pipes on their own threads: a child that fills one pipe while we
    // read the other would otherwise block for ever.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let pid = Pid::from_child(&child);
    let started = Instant::now();
    // Waits without reaping: until it is reaped, the child keeps its pid, which is also
    // the id of its group, so no other process can come to own that id in the meantime.
    let finished = loop {
        let ended = WaitIdOptions::EXITED | WaitIdOptions::NOHANG | WaitIdOptions::NOWAIT;
        match waitid(WaitId::Pid(pid), ended) {
            Ok(Some(_)) => break Ok(true),
            Ok(None) | Err(rustix::io::Errno::INTR) => {}
            Err(error) => break Err(error),
        }
        if started.elapsed() >= deadline {
            break Ok(false);
        }
        thread::sleep(Duration::from_millis(5));
    };
    // The group is ours; it is gone already (ESRCH) if nothing was left behind.
    let _ = kill_process_group(pid, Signal::KILL);
    let status = child.wait()?;
    if !finished.context("waiting for a test run")? {
        // Not joined: a process that left the group could hold the pipes for ever.
        return Ok(None);
    }
    Ok(Some(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }))
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// The path of the `exercises` test binary in cargo's `--message-format=json` lines.
fn test_binary(messages: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact"
                && message["target"]["name"] == "exercises"
                && message["target"]["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind == "test"))
        })
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
}

/// The test names in libtest's `--list --format terse` output (`NAME: test` lines).
fn listed_tests(list: &str) -> Vec<String> {
    list.lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_string)
        .collect()
}

/// What a failed run printed, made short: the panic (`... panicked at FILE:LINE:COL:`
/// and the message after it) if one is found, otherwise the last lines it printed.
fn failure_message(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    if let Some(start) = lines.iter().position(|l| l.contains(" panicked at ")) {
        return lines[start..]
            .iter()
            .take_while(|l| !l.starts_with("note: run with `RUST_BACKTRACE"))
            .filter(|l| !l.trim().is_empty())
            .take(SHOWN_LINES)
            .map(|l| tidy(l) + "\n")
            .collect();
    }
    // No panic found: the raw tail, of stderr if it has anything, else of stdout.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let text = if stderr.trim().is_empty() {
        &stdout
    } else {
        &stderr
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = &lines[lines.len().saturating_sub(SHOWN_LINES)..];
    let mut message: String = tail.iter().map(|l| format!("{}\n", l.trim_end())).collect();
    if message.is_empty() {
        message = format!("(it printed nothing; {})\n", output.status);
    }
    message
}

/// `thread 'ex1_x' (123) panicked at lessons/01-threads/src/../exercises/ex1.rs:22:5:`
/// reads better as `panicked at lessons/01-threads/exercises/ex1.rs:22:5:`.
fn tidy(line: &str) -> String {
    let line = line.trim_end().replace("/src/../", "/");
    match line.split_once(" panicked at ") {
        Some((thread, place)) if thread.starts_with("thread '") => {
            format!("panicked at {place}")
        }
        _ => line,
    }
}

/// The exercise a test belongs to: `ex1_names_are_kept` belongs to `ex1`.
fn exercise_of(test: &str) -> &str {
    test.split('_').next().unwrap_or(test)
}

/// The tests of each exercise, in order.
fn by_exercise(names: &[String]) -> BTreeMap<&str, Vec<&str>> {
    let mut exercises: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for name in names {
        exercises.entry(exercise_of(name)).or_default().push(name);
    }
    exercises
}

/// What to tell a learner whose tests `filter` were stopped at the deadline.
fn timed_out(lesson: &LessonDir, filter: &str) -> String {
    format!(
        "stopped after {} s: is a thread or a `recv` waiting for ever? Run\n\
         `cargo test -p {} --features starter --test exercises -- {filter}` to watch it.",
        TEST_DEADLINE.as_secs(),
        lesson.package
    )
}

fn check(lesson: &LessonDir) -> Result<bool> {
    println!(
        "Checking {} exercises in {}/exercises/ ...",
        lesson.package,
        lesson.relative_dir()
    );
    let Some(tests) = StarterTests::build(lesson)? else {
        println!();
        println!(
            "Your code in {}/exercises/ does not compile yet: cargo's errors are above.",
            lesson.relative_dir()
        );
        return Ok(false);
    };
    let names = tests.names()?;
    let exercises = by_exercise(&names);
    let mut solved = 0;
    let mut unsolved: Vec<(&str, String)> = Vec::new();
    for (exercise, names) in &exercises {
        let file = lesson
            .starter(exercise)
            .map(|p| lessons::show(&p))
            .unwrap_or_else(|| format!("{exercise} (no starter file found)"));
        match tests.run(names) {
            Outcome::Passed => {
                solved += 1;
                println!("  ✓ {file}: solved ({} tests pass)", names.len());
                continue;
            }
            Outcome::TimedOut => {
                println!("  ✗ {file}: its tests did not finish");
                print_indented(&timed_out(lesson, &format!("{exercise}_")), 8);
            }
            Outcome::NotRun(why) => bail!("{why}"),
            Outcome::Failed(together) => report_failures(&tests, &file, names, &together),
        }
        unsolved.push((exercise, file));
    }
    println!();
    match working_on(lesson, &unsolved) {
        None => {
            println!(
                "All {solved} exercises of {} are solved. Well done!",
                lesson.package
            );
            Ok(true)
        }
        Some((exercise, file)) => {
            println!(
                "{solved} of {} exercises solved. Now: {file}",
                exercises.len()
            );
            if let Some(hint) = lesson.hint(exercise) {
                println!("\nHint for {exercise}:\n{}", indent(&hint, 2));
            }
            println!(
                "\nRun `cargo exercises {}` again when you have changed it.",
                lesson.number
            );
            Ok(false)
        }
    }
}

/// An exercise's tests failed together: runs each one alone to say which fail and how.
fn report_failures(tests: &StarterTests<'_>, file: &str, names: &[&str], together: &Output) {
    let mut failed: Vec<(&str, String)> = Vec::new();
    for name in names {
        match tests.run(&[name]) {
            Outcome::Passed => {}
            Outcome::Failed(output) => failed.push((name, failure_message(&output))),
            Outcome::TimedOut => failed.push((name, timed_out(tests.lesson, name))),
            Outcome::NotRun(why) => failed.push((name, why)),
        }
    }
    if failed.is_empty() {
        println!("  ✗ {file}: each test passes alone, but they fail together");
        print_indented(&failure_message(together), 8);
        return;
    }
    println!("  ✗ {file}: {} of {} tests fail", failed.len(), names.len());
    // Tests that fail the same way (a `todo!()`, say) are reported together.
    let mut by_message: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, message) in &failed {
        match by_message.iter_mut().find(|(m, _)| m == message) {
            Some((_, names)) => names.push(name),
            None => by_message.push((message, vec![name])),
        }
    }
    for (message, names) in by_message {
        println!("      {}:", names.join(", "));
        print_indented(message, 8);
    }
}

/// The unsolved exercise the learner is most likely working on: the one whose
/// starter was changed last, or the first one if none has been touched since checkout.
fn working_on<'a>(lesson: &LessonDir, unsolved: &[(&'a str, String)]) -> Option<(&'a str, String)> {
    let modified = |exercise: &str| {
        lesson
            .starter(exercise)
            .and_then(|path| std::fs::metadata(path).ok())
            .and_then(|meta| meta.modified().ok())
    };
    let times: Vec<_> = unsolved.iter().map(|(e, _)| modified(e)).collect();
    let (Some(newest), Some(oldest)) = (times.iter().flatten().max(), times.iter().flatten().min())
    else {
        return unsolved.first().cloned();
    };
    // A fresh checkout writes every file within a moment; an edit stands out.
    if newest.duration_since(*oldest).unwrap_or_default() < Duration::from_secs(2) {
        return unsolved.first().cloned();
    }
    let index = times.iter().position(|t| t.as_ref() == Some(newest))?;
    unsolved.get(index).cloned()
}

fn indent(text: &str, by: usize) -> String {
    text.trim()
        .lines()
        .map(|l| format!("{:by$}{l}", ""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn print_indented(text: &str, by: usize) {
    let text = indent(text, by);
    if !text.is_empty() {
        println!("{text}");
    }
}

/// CI's check: every exercise test, run alone, fails on the untouched starters.
fn starters_must_fail() -> Result<bool> {
    let mut ok = true;
    for lesson in lessons::all()? {
        let Some(tests) = StarterTests::build(&lesson)? else {
            println!("✗ {}: the starters do not compile", lesson.package);
            ok = false;
            continue;
        };
        let names = tests.names()?;
        let mut passing = Vec::new();
        let mut hanging = Vec::new();
        for name in &names {
            match tests.run(&[name]) {
                Outcome::Failed(_) => {}
                Outcome::Passed => passing.push(name),
                Outcome::TimedOut => hanging.push(name),
                Outcome::NotRun(why) => bail!("{why}"),
            }
        }
        if passing.is_empty() && hanging.is_empty() {
            println!(
                "✓ {}: all {} exercise tests fail on the starters",
                lesson.package,
                names.len()
            );
            continue;
        }
        ok = false;
        if !passing.is_empty() {
            println!(
                "✗ {}: these tests pass on the untouched starters, so they cannot catch a mistake: {passing:?}",
                lesson.package
            );
        }
        if !hanging.is_empty() {
            println!(
                "✗ {}: these tests were stopped after {} s on the untouched starters, \
                 where they should fail at once: {hanging:?}",
                lesson.package,
                TEST_DEADLINE.as_secs()
            );
        }
    }
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    use super::*;

    fn output(stdout: &str, stderr: &str) -> Output {
        Output {
            status: ExitStatus::from_raw(101 << 8),
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    /// A process gone, or dead and waiting to be reaped by its new parent.
    fn ended(pid: &str) -> bool {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        stat.is_empty()
            || stat
                .rsplit_once(") ")
                .is_some_and(|(_, rest)| rest.starts_with(['Z', 'X']))
    }

    #[test]
    fn what_a_run_leaves_running_is_killed_with_it() {
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 60 & echo $!"]);
        let output = run_in_group(&mut command, TEST_DEADLINE)
            .unwrap()
            .expect("sh ends at once");
        assert!(output.status.success());
        let sleep = String::from_utf8(output.stdout).unwrap().trim().to_string();
        assert!(!sleep.is_empty());
        // Its pipes are closed, so it is exiting; give it a moment to be done.
        let mut tries = 0;
        while !ended(&sleep) && tries < 1000 {
            thread::sleep(Duration::from_millis(10));
            tries += 1;
        }
        assert!(
            ended(&sleep),
            "the sleep {sleep} the run started is still running"
        );
    }

    #[test]
    fn a_run_past_its_deadline_is_stopped() {
        let mut command = Command::new("sleep");
        command.arg("60");
        assert!(
            run_in_group(&mut command, Duration::from_millis(100))
                .unwrap()
                .is_none()
        );
        let mut missing = Command::new("/nonexistent/test-binary");
        assert!(run_in_group(&mut missing, TEST_DEADLINE).is_err());
    }

    #[test]
    fn the_test_binary_is_found_in_cargos_messages() {
        let messages = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"lesson_01"},"executable":null}
{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"lesson-01"},"executable":"/t/debug/lesson-01"}
{"reason":"compiler-artifact","target":{"kind":["test"],"name":"exercises"},"executable":"/t/debug/deps/exercises-0a1b"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            test_binary(messages),
            Some(PathBuf::from("/t/debug/deps/exercises-0a1b"))
        );
        assert_eq!(test_binary(r#"{"reason":"build-finished"}"#), None);
    }

    #[test]
    fn listed_tests_are_read_and_grouped_by_exercise() {
        let names = listed_tests("ex1_a: test\nex2_b: test\nex1_c: test\nsome_bench: bench\n");
        assert_eq!(names, ["ex1_a", "ex2_b", "ex1_c"]);
        let exercises = by_exercise(&names);
        assert_eq!(exercises["ex1"], ["ex1_a", "ex1_c"]);
        assert_eq!(exercises["ex2"], ["ex2_b"]);
        assert_eq!(exercise_of("ex2_b"), "ex2");
    }

    #[test]
    fn a_panic_is_shown_from_where_it_happened() {
        let stderr = "a line the test printed\n\n\
                      thread 'ex2_b' (123) panicked at lessons/01-x/src/../exercises/ex2.rs:1:5:\n\
                      not yet implemented\nnote: run with `RUST_BACKTRACE=1` to see a backtrace\n";
        assert_eq!(
            failure_message(&output("running 1 test\n", stderr)),
            "panicked at lessons/01-x/exercises/ex2.rs:1:5:\nnot yet implemented\n"
        );
    }

    #[test]
    fn without_a_panic_the_last_lines_are_shown() {
        let stdout: String = (1..=10).map(|i| format!("line {i}\n")).collect();
        assert_eq!(
            failure_message(&output(&stdout, "")),
            "line 5\nline 6\nline 7\nline 8\nline 9\nline 10\n"
        );
        assert_eq!(
            failure_message(&output(
                "ignored\n",
                "fatal runtime error: stack overflow\n"
            )),
            "fatal runtime error: stack overflow\n"
        );
        assert!(failure_message(&output("", "")).contains("101"));
    }
}
