//! `cargo exercises 01`: checks a learner's answers to lesson 01's exercises.
//!
//! It builds the lesson's exercise tests against the starter files in
//! `lessons/NN-topic/exercises/` (the `starter` feature), then runs them
//! exercise by exercise and says what is solved and what is not, with the first
//! stage of the hint for the one being worked on; `--hint` shows one stage more
//! each time (the stage reached is kept in `target/exercise-hints`), and
//! `--watch` checks again each time a file in the lesson's `exercises/` is
//! saved.
//!
//! Two checks are for CI. `--starters-must-fail`: on the untouched starters
//! every exercise test, run alone, must fail, or it could never catch a
//! mistake. `--mistakes-must-fail`: every kept wrong answer in
//! `lessons/NN-topic/mistakes/` must fail its exercise's tests, in every one of
//! `--repeat N` runs. A mistake is built in place of its exercise (the
//! `mistake` feature compiles the files in `lessons/NN-topic/target/mistake/`:
//! the reference solutions, and the mistake instead of the solution of the
//! exercise under test), once, and its tests are then run N times.
//!
//! Verdicts come from exit statuses only: the test binary exits with 0 when
//! every test it ran passed. libtest's human output changes between toolchains,
//! so nothing here depends on it; what a failed test printed is shown as a
//! courtesy, best effort.
//!
//! Every test run has a process group of its own, killed when the run ends or
//! hits its deadline, and on Ctrl-C (which the terminal sends to the checker's
//! group, not to the tests'): nothing a test started outlives the checker.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output, Stdio};
use std::sync::{Mutex, PoisonError, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use concurrency_course::hints::HintStages;
use concurrency_course::lessons::{self, LessonDir};
use rustix::process::{Pid, Signal, kill_process_group};

/// Longer than any exercise test needs; a learner's deadlock must not hang the
/// checker.
const TEST_DEADLINE: Duration = Duration::from_secs(120);

/// How many lines of a failed test's output are shown.
const SHOWN_LINES: usize = 6;

/// How many lines of a kept mistake's compiler errors are shown.
const SHOWN_BUILD_LINES: usize = 30;

/// In watch mode, a save is acted on once the folder has been quiet this long:
/// an editor's save is often several events (a temporary file, a rename).
const QUIET_AFTER_SAVE: Duration = Duration::from_millis(200);

const USAGE: &str = "\
Usage: cargo exercises LESSON...      check your answers (LESSON is 01, 1 or lesson-01)
       cargo exercises LESSON --hint  check, and show the next stage of the hint
                                      for the exercise you are working on
       cargo exercises LESSON --watch check again each time you save a file in
                                      the lesson's exercises/ (Ctrl-C to stop)
       cargo exercises --all          check every lesson's exercises
       cargo exercises --starters-must-fail [LESSON...]
                                      (for CI) every test must fail on the untouched
                                      starters
       cargo exercises --mistakes-must-fail [--repeat N] [LESSON...]
                                      (for CI) every kept wrong answer in mistakes/
                                      must fail its exercise's tests, in each of N
                                      runs (1 unless told)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(error) = stop_test_runs_on_signals() {
        eprintln!("error: {error:#}");
        return ExitCode::from(2);
    }
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// What the command line asked for.
#[derive(Debug, Default, PartialEq)]
struct Args {
    lessons: Vec<String>,
    all: bool,
    hint: bool,
    watch: bool,
    starters_must_fail: bool,
    mistakes_must_fail: bool,
    repeat: Option<usize>,
    help: bool,
}

fn parse(args: &[String]) -> Result<Args> {
    let mut parsed = Args::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => parsed.help = true,
            "--all" => parsed.all = true,
            "--hint" => parsed.hint = true,
            "--watch" => parsed.watch = true,
            "--starters-must-fail" => parsed.starters_must_fail = true,
            "--mistakes-must-fail" => parsed.mistakes_must_fail = true,
            "--repeat" => {
                let n =
                    args.next().context("--repeat needs a number of runs")?;
                match n.parse::<usize>() {
                    Ok(n) if n >= 1 => parsed.repeat = Some(n),
                    _ => bail!(
                        "--repeat takes a number of runs, 1 or more, not '{n}'"
                    ),
                }
            }
            flag if flag.starts_with('-') => {
                bail!("unknown flag '{flag}'\n{USAGE}")
            }
            lesson => parsed.lessons.push(lesson.to_string()),
        }
    }
    let ci = parsed.starters_must_fail || parsed.mistakes_must_fail;
    if parsed.starters_must_fail && parsed.mistakes_must_fail {
        bail!(
            "--starters-must-fail and --mistakes-must-fail are two runs: give one"
        );
    }
    if ci && (parsed.all || parsed.hint || parsed.watch) {
        bail!(
            "--all, --hint and --watch are for checking your answers, not with CI's checks"
        );
    }
    if parsed.repeat.is_some() && !parsed.mistakes_must_fail {
        bail!("--repeat goes with --mistakes-must-fail");
    }
    if parsed.all && !parsed.lessons.is_empty() {
        bail!("give lessons or --all, not both");
    }
    if (parsed.hint || parsed.watch) && parsed.lessons.len() != 1 {
        bail!(
            "--hint and --watch work on one lesson: cargo exercises 01 --watch"
        );
    }
    if parsed.hint && parsed.watch {
        bail!("in --watch, type h and Enter for the next hint");
    }
    Ok(parsed)
}

fn run(args: &[String]) -> Result<bool> {
    let args = parse(args)?;
    let nothing_asked = args.lessons.is_empty()
        && !(args.all || args.starters_must_fail || args.mistakes_must_fail);
    if args.help || nothing_asked {
        println!("{USAGE}");
        return Ok(args.help);
    }
    let named = || -> Result<Vec<LessonDir>> {
        if args.lessons.is_empty() {
            return lessons::all();
        }
        args.lessons
            .iter()
            .map(|name| lessons::find(name))
            .collect()
    };
    if args.starters_must_fail {
        return starters_must_fail(&named()?);
    }
    if args.mistakes_must_fail {
        return mistakes_must_fail(&named()?, args.repeat.unwrap_or(1));
    }
    if args.watch {
        return watch(&named()?[0]);
    }
    let mut stages = HintStages::load(&HintStages::default_path());
    let mut all_solved = true;
    for lesson in named()? {
        let checked = check(&lesson, Details::Every)?;
        all_solved &=
            conclude(&lesson, checked.as_ref(), &mut stages, args.hint, false);
    }
    stages.save()?;
    Ok(all_solved)
}

/// The process groups of the test runs going on now. A Ctrl-C in the terminal
/// reaches the checker's group, not these, so the checker ends them itself.
struct TestRuns {
    /// A signal came: no new run may start.
    stopping: bool,
    groups: Vec<Pid>,
}

static TEST_RUNS: Mutex<TestRuns> = Mutex::new(TestRuns {
    stopping: false,
    groups: Vec::new(),
});

fn test_runs() -> std::sync::MutexGuard<'static, TestRuns> {
    TEST_RUNS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On SIGINT (Ctrl-C), SIGTERM or SIGHUP: kill every test run's group, then
/// exit as the signal would have (status 128 + its number).
fn stop_test_runs_on_signals() -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            .context("listening for Ctrl-C")?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let mut runs = test_runs();
            runs.stopping = true;
            for group in &runs.groups {
                // A group's leader is not reaped while it is listed, so its id
                // is still this run's: the kill cannot reach anyone else.
                let _ = kill_process_group(*group, Signal::KILL);
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// A lesson's `exercises` test binary, built with the `starter` or `mistake`
/// feature.
struct Tests<'a> {
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

impl<'a> Tests<'a> {
    /// Builds `lesson`'s exercise tests with `feature` on. `Ok(Err(errors))`
    /// means the code does not compile: with `show_errors`, cargo's errors went
    /// to the terminal (they are the learner's to read) and `errors` is empty;
    /// otherwise they are in it.
    fn build(
        lesson: &'a LessonDir,
        feature: &str,
        show_errors: bool,
    ) -> Result<Result<Self, String>> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        // Cargo's JSON messages name the test binary; the compiler's messages
        // are still rendered for people, on stderr.
        let output = Command::new(cargo)
            .current_dir(lessons::root())
            .args(["test", "--package", &lesson.package])
            .args(["--features", feature, "--test", "exercises", "--no-run"])
            .args(["--quiet", "--message-format=json-render-diagnostics"])
            .stdin(Stdio::null())
            .stderr(if show_errors {
                Stdio::inherit()
            } else {
                Stdio::piped()
            })
            .output()
            .context("running cargo")?;
        if !output.status.success() {
            return Ok(Err(
                String::from_utf8_lossy(&output.stderr).into_owned()
            ));
        }
        let messages = String::from_utf8_lossy(&output.stdout);
        let binary = test_binary(&messages).with_context(|| {
            format!(
                "cargo built {}'s exercise tests but named no test binary",
                lesson.package
            )
        })?;
        Ok(Ok(Self { lesson, binary }))
    }

    /// The names of the tests that run (`#[ignore]`d ones are left out, as
    /// `cargo test` does).
    fn names(&self) -> Result<Vec<String>> {
        let listed = |ignored: bool| -> Result<Vec<String>> {
            let mut command = self.command();
            command.args(["--list", "--format", "terse"]);
            if ignored {
                command.arg("--ignored");
            }
            let Some(output) = run_in_group(&mut command, TEST_DEADLINE)?
            else {
                bail!(
                    "{} did not list its tests in time",
                    self.binary.display()
                );
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

    /// The test binary, started as `cargo test` starts it: in the lesson's
    /// folder.
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
        // Not captured by libtest: a panic message is then the process's own
        // stderr.
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

/// Runs `command` to the end with its output captured, in a process group of
/// its own; `Ok(None)` if it was still running at `deadline` and was killed.
/// Either way the rest of its group goes with it: whatever the tests started
/// and left running (a child that a panicking test never stopped, a learner's
/// stray process) would otherwise hold the output pipes open, and keep running
/// after the checker has given its verdict.
fn run_in_group(
    command: &mut Command,
    deadline: Duration,
) -> Result<Option<Output>> {
    use rustix::process::{WaitId, WaitIdOptions, waitid};
    command
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Started and listed under one lock, so a Ctrl-C either comes first (and
    // nothing starts) or finds the new group in the list.
    let (mut child, pid) = {
        let mut runs = test_runs();
        if runs.stopping {
            bail!("stopping: a signal came");
        }
        let child = command.spawn().with_context(|| {
            format!("cannot start {}", command.get_program().display())
        })?;
        let pid = Pid::from_child(&child);
        runs.groups.push(pid);
        (child, pid)
    };
    // Read both pipes on their own threads: a child that fills one pipe while
    // we read the other would otherwise block for ever.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    // Waits without reaping: until it is reaped, the child keeps its pid, which
    // is also the id of its group, so no other process can come to own that id
    // in the meantime.
    let finished = loop {
        let ended = WaitIdOptions::EXITED
            | WaitIdOptions::NOHANG
            | WaitIdOptions::NOWAIT;
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
    {
        // The group is ours; it is gone already (ESRCH) if nothing was left
        // behind. Killed and unlisted before the leader is reaped, under the
        // lock the signal handler takes: neither of us can kill a recycled id.
        let mut runs = test_runs();
        let _ = kill_process_group(pid, Signal::KILL);
        runs.groups.retain(|group| *group != pid);
    }
    let status = child.wait()?;
    if !finished.context("waiting for a test run")? {
        // Not joined: a process that left the group could hold the pipes for
        // ever.
        return Ok(None);
    }
    Ok(Some(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }))
}

fn drain(
    pipe: Option<impl Read + Send + 'static>,
) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// The path of the `exercises` test binary in cargo's `--message-format=json`
/// lines.
fn test_binary(messages: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact"
                && message["target"]["name"] == "exercises"
                && message["target"]["kind"].as_array().is_some_and(|kinds| {
                    kinds.iter().any(|kind| kind == "test")
                })
        })
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
}

/// The test names in libtest's `--list --format terse` output (`NAME: test`
/// lines).
fn listed_tests(list: &str) -> Vec<String> {
    list.lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_string)
        .collect()
}

/// What a failed run printed, made short: the panic (`... panicked at
/// FILE:LINE:COL:` and the message after it) if one is found, otherwise the
/// last lines it printed.
fn failure_message(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    if let Some(start) = lines.iter().position(|l| l.contains(" panicked at "))
    {
        return lines[start..]
            .iter()
            .take_while(|l| !l.starts_with("note: run with `RUST_BACKTRACE"))
            .filter(|l| !l.trim().is_empty())
            .take(SHOWN_LINES)
            .map(|l| tidy(l) + "\n")
            .collect();
    }
    // No panic found: the raw tail, of stderr if it has anything, else of
    // stdout.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let text = if stderr.trim().is_empty() {
        &stdout
    } else {
        &stderr
    };
    let lines: Vec<&str> =
        text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = &lines[lines.len().saturating_sub(SHOWN_LINES)..];
    let mut message: String =
        tail.iter().map(|l| format!("{}\n", l.trim_end())).collect();
    if message.is_empty() {
        message = format!("(it printed nothing; {})\n", output.status);
    }
    message
}

/// `thread 'ex1_x' (123) panicked at
/// lessons/01-threads/src/../exercises/ex1.rs:22:5:` reads better as `panicked
/// at lessons/01-threads/exercises/ex1.rs:22:5:`.
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

/// Which failures a check prints in full.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Details {
    /// Each one, as it is found.
    Every,
    /// Only the exercise being worked on (watch mode: one screen).
    CurrentOnly,
}

/// What checking one lesson found.
struct Checked {
    /// How many exercises it has.
    exercises: usize,
    /// The exercises whose tests all pass.
    solved: Vec<String>,
    /// The unsolved exercise the learner is most likely working on.
    current: Option<Unsolved>,
}

#[derive(Debug, Clone)]
struct Unsolved {
    exercise: String,
    /// Its starter, as a learner would type the path.
    file: String,
    /// Which tests failed and how.
    failure: String,
}

/// Checks `lesson`'s exercises, printing a line per exercise (and the failures,
/// as `details` says). `Ok(None)`: the learner's code does not compile.
fn check(lesson: &LessonDir, details: Details) -> Result<Option<Checked>> {
    println!(
        "Checking {} exercises in {}/exercises/ ...",
        lesson.package,
        lesson.relative_dir()
    );
    let tests = match Tests::build(lesson, "starter", true)? {
        Ok(tests) => tests,
        Err(_) => {
            println!();
            println!(
                "Your code in {}/exercises/ does not compile yet: cargo's errors are above.",
                lesson.relative_dir()
            );
            return Ok(None);
        }
    };
    let names = tests.names()?;
    let exercises = by_exercise(&names);
    let mut solved = Vec::new();
    let mut unsolved: Vec<Unsolved> = Vec::new();
    for (exercise, names) in &exercises {
        let file = lesson
            .starter(exercise)
            .map(|p| lessons::show(&p))
            .unwrap_or_else(|| format!("{exercise} (no starter file found)"));
        let (line, failure) = match tests.run(names) {
            Outcome::Passed => {
                solved.push(exercise.to_string());
                println!("  ✓ {file}: solved ({} tests pass)", names.len());
                continue;
            }
            Outcome::TimedOut => (
                format!("{file}: its tests did not finish"),
                timed_out(lesson, &format!("{exercise}_")),
            ),
            Outcome::NotRun(why) => bail!("{why}"),
            Outcome::Failed(together) => {
                report_failures(&tests, &file, names, &together)
            }
        };
        println!("  ✗ {line}");
        if details == Details::Every {
            print_indented(&failure, 6);
        }
        unsolved.push(Unsolved {
            exercise: exercise.to_string(),
            file,
            failure,
        });
    }
    Ok(Some(Checked {
        exercises: exercises.len(),
        solved,
        current: working_on(lesson, &unsolved),
    }))
}

/// Says where the learner stands after `check`: the progress, and for the
/// exercise being worked on, its failure (in watch mode) and the hint's stages
/// reached so far, one more if `next_hint`. Solved exercises' hints start again
/// at stage 1. Returns whether every exercise is solved.
fn conclude(
    lesson: &LessonDir,
    checked: Option<&Checked>,
    stages: &mut HintStages,
    next_hint: bool,
    watching: bool,
) -> bool {
    let Some(checked) = checked else {
        return false;
    };
    for exercise in &checked.solved {
        stages.reset(&lesson.package, exercise);
    }
    println!();
    println!(
        "Progress: {} {} of {} exercises solved",
        progress_bar(checked.solved.len(), checked.exercises),
        checked.solved.len(),
        checked.exercises
    );
    let Some(current) = &checked.current else {
        println!("All exercises of {} are solved. Well done!", lesson.package);
        return true;
    };
    println!("Now: {}", current.file);
    if watching {
        print_indented(&current.failure, 2);
    }
    let hints = lesson.hint_stages(&current.exercise);
    if next_hint {
        stages.advance(&lesson.package, &current.exercise, hints.len());
    }
    let reached = stages.reached(&lesson.package, &current.exercise);
    print_hints(lesson, &current.exercise, &hints, 1..=reached, watching);
    if !watching {
        println!(
            "\nRun `cargo exercises {}` again when you have changed it.",
            lesson.number
        );
    }
    false
}

/// Prints the stages `shown` of an exercise's hint, and how to see the next.
fn print_hints(
    lesson: &LessonDir,
    exercise: &str,
    hints: &[String],
    shown: std::ops::RangeInclusive<usize>,
    watching: bool,
) {
    let total = hints.len();
    let last = *shown.end();
    for stage in shown {
        let Some(hint) = hints.get(stage - 1) else {
            continue;
        };
        println!(
            "\nHint {stage} of {total} for {exercise}:\n{}",
            indent(hint, 2)
        );
    }
    if total == 0 {
        return;
    }
    if last < total {
        let how = if watching {
            "type h and Enter".to_string()
        } else {
            format!("`cargo exercises {} --hint`", lesson.number)
        };
        println!("\n({how} for the next hint.)");
    } else if total > 1 {
        println!(
            "\n(That is the last hint. If you are stuck, read the solution in {}/solutions/,\n\
             close it, then write your own.)",
            lesson.relative_dir()
        );
    }
}

/// `[###.....]`, one cell per exercise.
fn progress_bar(done: usize, of: usize) -> String {
    format!(
        "[{}{}]",
        "#".repeat(done),
        ".".repeat(of.saturating_sub(done))
    )
}

/// An exercise's tests failed together: runs each one alone to say which fail
/// and how. Returns the line that says so and the details.
fn report_failures(
    tests: &Tests<'_>,
    file: &str,
    names: &[&str],
    together: &Output,
) -> (String, String) {
    let mut failed: Vec<(&str, String)> = Vec::new();
    for name in names {
        match tests.run(&[name]) {
            Outcome::Passed => {}
            Outcome::Failed(output) => {
                failed.push((name, failure_message(&output)))
            }
            Outcome::TimedOut => {
                failed.push((name, timed_out(tests.lesson, name)))
            }
            Outcome::NotRun(why) => failed.push((name, why)),
        }
    }
    if failed.is_empty() {
        return (
            format!("{file}: each test passes alone, but they fail together"),
            failure_message(together),
        );
    }
    // Tests that fail the same way (a `todo!()`, say) are reported together.
    let mut by_message: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, message) in &failed {
        match by_message.iter_mut().find(|(m, _)| m == message) {
            Some((_, names)) => names.push(name),
            None => by_message.push((message, vec![name])),
        }
    }
    let details = by_message
        .into_iter()
        .map(|(message, names)| {
            format!("{}:\n{}\n", names.join(", "), indent(message, 2))
        })
        .collect();
    (
        format!("{file}: {} of {} tests fail", failed.len(), names.len()),
        details,
    )
}

/// The unsolved exercise the learner is most likely working on: the one whose
/// starter was changed last, or the first one if none has been touched since
/// checkout.
fn working_on(lesson: &LessonDir, unsolved: &[Unsolved]) -> Option<Unsolved> {
    let modified = |exercise: &str| {
        lesson
            .starter(exercise)
            .and_then(|path| std::fs::metadata(path).ok())
            .and_then(|meta| meta.modified().ok())
    };
    let times: Vec<_> =
        unsolved.iter().map(|u| modified(&u.exercise)).collect();
    let (Some(newest), Some(oldest)) =
        (times.iter().flatten().max(), times.iter().flatten().min())
    else {
        return unsolved.first().cloned();
    };
    // A fresh checkout writes every file within a moment; an edit stands out.
    if newest.duration_since(*oldest).unwrap_or_default()
        < Duration::from_secs(2)
    {
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

/// What wakes the watch loop.
enum Wake {
    /// A file in `exercises/` was written, created, renamed or removed.
    Saved,
    /// A line typed on the terminal.
    Typed(String),
}

/// Whether a file-system event is a save of a Rust file. Reads are not: the
/// checker's own build opens every exercise file, and must not wake the loop.
fn is_a_save(event: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    let saved = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    };
    saved
        && event
            .paths
            .iter()
            .any(|path| path.extension().is_some_and(|e| e == "rs"))
}

/// `cargo exercises NN --watch`: checks, then checks again each time a file in
/// the lesson's `exercises/` is saved, on a cleared screen. Keys (a line on
/// stdin): `h` the next hint, `q` quit. Ctrl-C ends it, and the signal handler
/// kills the test run going on, if any. Returns whether every exercise was
/// solved.
fn watch(lesson: &LessonDir) -> Result<bool> {
    let folder = lesson.dir.join("exercises");
    let (wake, woken) = mpsc::channel();
    let saved = wake.clone();
    // inotify through `notify`: it wakes at once on a save, where polling the
    // files' modification times would either lag or keep waking for nothing.
    let mut watcher = notify::recommended_watcher(
        move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|event| is_a_save(&event)) {
                let _ = saved.send(Wake::Saved);
            }
        },
    )
    .context("starting to watch files")?;
    notify::Watcher::watch(
        &mut watcher,
        &folder,
        notify::RecursiveMode::NonRecursive,
    )
    .with_context(|| format!("watching {}", folder.display()))?;
    thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if wake.send(Wake::Typed(line.trim().to_string())).is_err() {
                break;
            }
        }
    });
    let mut stages = HintStages::load(&HintStages::default_path());
    let mut all_solved;
    loop {
        clear_screen();
        let checked = check(lesson, Details::CurrentOnly)?;
        all_solved =
            conclude(lesson, checked.as_ref(), &mut stages, false, true);
        stages.save()?;
        println!(
            "\nWatching {}/: save a file there to check again.\n\
             Type h and Enter for the next hint; q and Enter, or Ctrl-C, to stop.",
            lessons::show(&folder)
        );
        // Until a save: hints and quitting meanwhile.
        loop {
            match woken.recv() {
                Ok(Wake::Saved) => break,
                Ok(Wake::Typed(key)) if key == "q" => return Ok(all_solved),
                Ok(Wake::Typed(key)) if key == "h" => {
                    let Some(current) =
                        checked.as_ref().and_then(|c| c.current.as_ref())
                    else {
                        println!(
                            "Nothing to hint at: save a file to check again."
                        );
                        continue;
                    };
                    let hints = lesson.hint_stages(&current.exercise);
                    let before =
                        stages.reached(&lesson.package, &current.exercise);
                    let now = stages.advance(
                        &lesson.package,
                        &current.exercise,
                        hints.len(),
                    );
                    stages.save()?;
                    if now == before {
                        println!(
                            "\nThat was the last hint for {}.",
                            current.exercise
                        );
                    } else {
                        print_hints(
                            lesson,
                            &current.exercise,
                            &hints,
                            now..=now,
                            true,
                        );
                    }
                }
                Ok(Wake::Typed(_)) => {
                    println!("(h and Enter: a hint; q and Enter: stop)")
                }
                Err(_) => bail!("the file watcher stopped"),
            }
        }
        // An editor's save can be several events: wait until the folder is
        // quiet.
        while let Ok(Wake::Saved) = woken.recv_timeout(QUIET_AFTER_SAVE) {}
    }
}

/// A fresh screen on a terminal; elsewhere (a log, a pipe) a rule between
/// checks.
fn clear_screen() {
    if std::io::stdout().is_terminal() {
        print!("\x1b[H\x1b[2J\x1b[3J");
    } else {
        println!("\n{}", "-".repeat(72));
    }
}

/// CI's check: every exercise test, run alone, fails on the untouched starters.
fn starters_must_fail(lessons: &[LessonDir]) -> Result<bool> {
    let mut ok = true;
    for lesson in lessons {
        let Ok(tests) = Tests::build(lesson, "starter", true)? else {
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

/// What became of one kept wrong answer.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Its exercise's tests failed in every run: the tests reject it.
    Rejected { runs: usize },
    /// They passed in `passed` of `runs` runs: they cannot tell it from a right
    /// answer.
    Passed { passed: usize, runs: usize },
    /// Run `run` was stopped at the deadline (the runs after it were not made).
    Hung { run: usize },
    /// It does not compile: the compiler rejects it, not the tests. Cargo's
    /// errors.
    DoesNotCompile(String),
    /// Something about the file itself: no `//! WRONG:` line, no such exercise.
    Unusable(String),
}

/// CI's check: every kept wrong answer fails its exercise's tests, in each of
/// `repeat` runs.
fn mistakes_must_fail(lessons: &[LessonDir], repeat: usize) -> Result<bool> {
    let mut kept = 0;
    let mut failed = 0;
    for lesson in lessons {
        let mistakes = lesson.mistakes(None);
        if mistakes.is_empty() {
            println!(
                "- {}: no kept wrong answers in mistakes/ yet",
                lesson.package
            );
            continue;
        }
        let started = Instant::now();
        println!(
            "{}: {} kept wrong answers, each built once and its tests run {repeat} {}",
            lesson.package,
            mistakes.len(),
            if repeat == 1 { "time" } else { "times" }
        );
        let scratch = lesson.dir.join("target").join("mistake");
        for mistake in &mistakes {
            kept += 1;
            let name =
                mistake.file_name().unwrap_or_default().to_string_lossy();
            let text = std::fs::read_to_string(mistake)
                .with_context(|| format!("reading {}", mistake.display()))?;
            let verdict =
                try_mistake(lesson, mistake, &text, &scratch, repeat)?;
            let wrong = lessons::what_is_wrong(&text)
                .unwrap_or("(no `//! WRONG:` line)");
            match &verdict {
                Verdict::Rejected { runs } => {
                    println!(
                        "  ✓ mistakes/{name}: its tests failed in {runs} of {runs} runs"
                    );
                }
                Verdict::Passed { passed, runs } => println!(
                    "  ✗ mistakes/{name}: its tests PASSED in {passed} of {runs} runs, \
                     so they cannot tell it from a right answer"
                ),
                Verdict::Hung { run } => println!(
                    "  ✗ mistakes/{name}: run {run} was stopped after {} s; a test must fail \
                     on a wrong answer, not hang (bound its waits)",
                    TEST_DEADLINE.as_secs()
                ),
                Verdict::DoesNotCompile(errors) => {
                    println!(
                        "  ✗ mistakes/{name}: it does not compile, so the compiler rejects \
                         it, not the tests; cargo said:"
                    );
                    let shown: Vec<&str> =
                        errors.lines().take(SHOWN_BUILD_LINES).collect();
                    print_indented(&shown.join("\n"), 8);
                }
                Verdict::Unusable(why) => {
                    println!("  ✗ mistakes/{name}: {why}")
                }
            }
            println!("      WRONG: {wrong}");
            if !matches!(verdict, Verdict::Rejected { .. }) {
                failed += 1;
            }
        }
        // The scratch folder would otherwise hold the last mistake; its
        // `target/` goes too if nothing else is in it.
        let _ = std::fs::remove_dir_all(&scratch);
        if let Some(target) = scratch.parent() {
            let _ = std::fs::remove_dir(target);
        }
        println!(
            "  ({} s for {})",
            started.elapsed().as_secs(),
            lesson.package
        );
    }
    println!();
    if kept == 0 {
        println!("- no kept wrong answers to check");
    } else if failed == 0 {
        println!(
            "✓ {kept} kept wrong answers: the tests rejected each one in every one of its \
             {repeat} runs"
        );
    } else {
        println!(
            "✗ {failed} of {kept} kept wrong answers were not rejected in every run"
        );
    }
    Ok(failed == 0)
}

/// Builds `mistake` in place of its exercise and runs that exercise's tests
/// `repeat` times.
fn try_mistake(
    lesson: &LessonDir,
    mistake: &Path,
    text: &str,
    scratch: &Path,
    repeat: usize,
) -> Result<Verdict> {
    if lessons::what_is_wrong(text).is_none() {
        return Ok(Verdict::Unusable(
            "its first line must say what is wrong: `//! WRONG: ...`".into(),
        ));
    }
    let name = mistake.file_name().unwrap_or_default().to_string_lossy();
    let Some(exercise) = lessons::exercise_of_file(&name) else {
        return Ok(Verdict::Unusable(
            "its name must start with its exercise: ex1_...".into(),
        ));
    };
    let Some(replaced) = lesson.solution(exercise) else {
        return Ok(Verdict::Unusable(format!(
            "there is no solutions/{exercise}_*.rs for it to replace"
        )));
    };
    fill_scratch(lesson, scratch, &replaced, text)?;
    let tests = match Tests::build(lesson, "mistake", false)? {
        Ok(tests) => tests,
        Err(errors) => {
            // The compiler names the scratch copy; the author knows the
            // mistake's file.
            let copy = format!(
                "src/../target/mistake/{}",
                replaced.file_name().unwrap_or_default().to_string_lossy()
            );
            let errors = errors.replace(&copy, &format!("mistakes/{name}"));
            return Ok(Verdict::DoesNotCompile(errors));
        }
    };
    let names: Vec<String> = tests
        .names()?
        .into_iter()
        .filter(|test| exercise_of(test) == exercise)
        .collect();
    if names.is_empty() {
        return Ok(Verdict::Unusable(format!(
            "tests/exercises.rs has no test {exercise}_..."
        )));
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut passed = 0;
    for run in 1..=repeat {
        match tests.run(&names) {
            Outcome::Failed(_) => {}
            Outcome::Passed => passed += 1,
            Outcome::TimedOut => return Ok(Verdict::Hung { run }),
            Outcome::NotRun(why) => bail!("{why}"),
        }
    }
    Ok(if passed == 0 {
        Verdict::Rejected { runs: repeat }
    } else {
        Verdict::Passed {
            passed,
            runs: repeat,
        }
    })
}

/// Fills `scratch` (`lessons/NN-topic/target/mistake/`, what the `mistake`
/// feature compiles) with every reference solution, and `mistake` in place of
/// `replaced`.
fn fill_scratch(
    lesson: &LessonDir,
    scratch: &Path,
    replaced: &Path,
    mistake: &str,
) -> Result<()> {
    std::fs::create_dir_all(scratch)
        .with_context(|| format!("creating {}", scratch.display()))?;
    for solution in lesson.solutions() {
        let Some(name) = solution.file_name() else {
            continue;
        };
        let text = if solution == replaced {
            mistake.to_string()
        } else {
            std::fs::read_to_string(&solution)
                .with_context(|| format!("reading {}", solution.display()))?
        };
        let target = scratch.join(name);
        // Unchanged files keep their times: cargo then has less to look at.
        if std::fs::read_to_string(&target).ok().as_deref()
            != Some(text.as_str())
        {
            std::fs::write(&target, text)
                .with_context(|| format!("writing {}", target.display()))?;
        }
    }
    Ok(())
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
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default();
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
        let sleep =
            String::from_utf8(output.stdout).unwrap().trim().to_string();
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
        let names = listed_tests(
            "ex1_a: test\nex2_b: test\nex1_c: test\nsome_bench: bench\n",
        );
        assert_eq!(names, ["ex1_a", "ex2_b", "ex1_c"]);
        let exercises = by_exercise(&names);
        assert_eq!(exercises["ex1"], ["ex1_a", "ex1_c"]);
        assert_eq!(exercises["ex2"], ["ex2_b"]);
        assert_eq!(exercise_of("ex2_b"), "ex2");
    }

    fn args(line: &str) -> Result<Args> {
        let words: Vec<String> =
            line.split_whitespace().map(str::to_string).collect();
        parse(&words)
    }

    #[test]
    fn the_command_line_is_read_and_nonsense_refused() {
        let parsed = args("--mistakes-must-fail --repeat 10 01 02").unwrap();
        assert!(parsed.mistakes_must_fail);
        assert_eq!(parsed.repeat, Some(10));
        assert_eq!(parsed.lessons, ["01", "02"]);
        let parsed = args("03 --watch").unwrap();
        assert!(parsed.watch);
        assert_eq!(parsed.lessons, ["03"]);
        assert!(args("03 --hint").unwrap().hint);
        for nonsense in [
            "--repeat 3 01",
            "--mistakes-must-fail --repeat 0",
            "--mistakes-must-fail --repeat",
            "--starters-must-fail --mistakes-must-fail",
            "--watch",
            "01 02 --watch",
            "01 --watch --hint",
            "--all 01",
            "--all --hint",
            "--starters-must-fail --watch 01",
            "01 --frobnicate",
        ] {
            assert!(args(nonsense).is_err(), "`{nonsense}` was accepted");
        }
    }

    #[test]
    fn the_progress_bar_has_a_cell_per_exercise() {
        assert_eq!(progress_bar(0, 3), "[...]");
        assert_eq!(progress_bar(2, 4), "[##..]");
        assert_eq!(progress_bar(5, 5), "[#####]");
    }

    #[test]
    fn a_save_wakes_the_watch_and_a_read_does_not() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, MetadataKind,
        };
        use notify::event::{ModifyKind, RenameMode};
        use notify::{Event, EventKind};
        let on = |kind: EventKind, file: &str| {
            Event::new(kind).add_path(PathBuf::from(file))
        };
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(is_a_save(&on(data, "ex1_a.rs")));
        assert!(is_a_save(&on(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            "ex1_a.rs"
        )));
        assert!(is_a_save(&on(
            EventKind::Create(CreateKind::File),
            "ex1_a.rs"
        )));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(is_a_save(&on(closed, "ex1_a.rs")));
        // An editor's swap and backup files, the build reading the files,
        // touch's times.
        assert!(!is_a_save(&on(data, ".ex1_a.rs.swp")));
        assert!(!is_a_save(&on(data, "ex1_a.rs~")));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!is_a_save(&on(read, "ex1_a.rs")));
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(!is_a_save(&on(opened, "ex1_a.rs")));
        let times =
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime));
        assert!(!is_a_save(&on(times, "ex1_a.rs")));
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
