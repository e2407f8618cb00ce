//! `cargo exercises 01`: checks a learner's answers to lesson 01's exercises.
//!
//! It runs the lesson's exercise tests against the starter files in
//! `lessons/NN-topic/exercises/` (the `starter` feature), then says, exercise by
//! exercise, what is solved and what is not, with the hint for the first one left.
//! `cargo exercises --starters-must-fail` is the check CI runs: on the untouched
//! starters every exercise test must fail, or the test could never catch a mistake.

use std::collections::BTreeMap;
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use concurrency_course::lessons::{self, LessonDir};

/// Longer than any exercise test needs; a learner's deadlock must not hang the checker.
const TEST_DEADLINE: Duration = Duration::from_secs(120);

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

/// The outcome of one exercise test.
#[derive(Debug)]
struct TestResult {
    passed: bool,
    /// The first lines of the panic message, for a failed test.
    message: String,
}

/// Builds and runs `lesson`'s exercise tests against the starters.
/// `Ok(None)` means the learner's code does not compile (cargo's errors are printed).
fn run_starter_tests(lesson: &LessonDir) -> Result<Option<BTreeMap<String, TestResult>>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let base = |command: &mut Command| {
        command
            .current_dir(lessons::root())
            .args(["test", "--package", &lesson.package])
            .args(["--features", "starter", "--test", "exercises"]);
    };
    // Build first, showing cargo's own messages: compile errors are the learner's to read.
    let mut build = Command::new(&cargo);
    base(&mut build);
    build.args(["--no-run", "--quiet"]);
    let built = build.status().context("running cargo")?;
    if !built.success() {
        return Ok(None);
    }
    let mut test = Command::new(&cargo);
    base(&mut test);
    // Not `--quiet`: libtest would then print dots instead of one line per test.
    test.args(["--", "--color", "never"])
        .env("RUST_BACKTRACE", "0")
        // Its own process group, so that a deadline ends cargo *and* the test binary
        // it runs (a learner's deadlock would otherwise keep running after we give up).
        .process_group(0);
    let output =
        course_kit::child::output_with_deadline(&mut test, TEST_DEADLINE).with_context(|| {
            format!(
                "{}'s exercise tests did not finish within {} s and were stopped: is a \
                 thread or a `recv` waiting for ever? Run `cargo test -p {} --features \
                 starter --test exercises` to see which test hangs",
                lesson.package,
                TEST_DEADLINE.as_secs(),
                lesson.package
            )
        })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let results = parse_libtest(&stdout);
    if results.is_empty() {
        bail!(
            "no exercise tests ran for {}:\n{}{}",
            lesson.package,
            stdout,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(Some(results))
}

/// Reads libtest's `test NAME ... ok|FAILED` lines and the panic messages of the failures.
fn parse_libtest(stdout: &str) -> BTreeMap<String, TestResult> {
    let mut results = BTreeMap::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, outcome)) = rest.split_once(" ... ") else {
            continue;
        };
        let passed = match outcome.trim() {
            "ok" => true,
            "FAILED" => false,
            _ => continue,
        };
        results.insert(
            name.to_string(),
            TestResult {
                passed,
                message: String::new(),
            },
        );
    }
    // Failure sections look like `---- ex1_names stdout ----` followed by the panic.
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_string());
            continue;
        }
        if line.starts_with("failures:") || line.starts_with("successes:") {
            current = None;
        }
        let Some(result) = current.as_ref().and_then(|n| results.get_mut(n)) else {
            continue;
        };
        if line.trim().is_empty()
            || line.starts_with("note: run with `RUST_BACKTRACE")
            || result.message.lines().count() >= 6
        {
            continue;
        }
        result.message.push_str(&tidy(line));
        result.message.push('\n');
    }
    results
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

fn check(lesson: &LessonDir) -> Result<bool> {
    println!(
        "Checking {} exercises in {}/exercises/ ...",
        lesson.package,
        lesson.relative_dir()
    );
    let Some(results) = run_starter_tests(lesson)? else {
        println!();
        println!(
            "Your code in {}/exercises/ does not compile yet: cargo's errors are above.",
            lesson.relative_dir()
        );
        return Ok(false);
    };
    let mut by_exercise: BTreeMap<&str, Vec<(&String, &TestResult)>> = BTreeMap::new();
    for (name, result) in &results {
        by_exercise
            .entry(exercise_of(name))
            .or_default()
            .push((name, result));
    }
    let mut solved = 0;
    let mut unsolved: Vec<(&str, String)> = Vec::new();
    for (exercise, tests) in &by_exercise {
        let file = lesson
            .starter(exercise)
            .map(|p| lessons::show(&p))
            .unwrap_or_else(|| format!("{exercise} (no starter file found)"));
        let failed: Vec<_> = tests.iter().filter(|(_, r)| !r.passed).collect();
        if failed.is_empty() {
            solved += 1;
            println!("  ✓ {file}: solved ({} tests pass)", tests.len());
            continue;
        }
        println!("  ✗ {file}: {} of {} tests fail", failed.len(), tests.len());
        // Tests that fail the same way (a `todo!()`, say) are reported together.
        let mut by_message: Vec<(&str, Vec<&str>)> = Vec::new();
        for (name, result) in &failed {
            match by_message.iter_mut().find(|(m, _)| *m == result.message) {
                Some((_, names)) => names.push(name),
                None => by_message.push((&result.message, vec![name])),
            }
        }
        for (message, names) in by_message {
            println!("      {}:", names.join(", "));
            for line in message.lines() {
                println!("        {line}");
            }
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
                by_exercise.len()
            );
            if let Some(hint) = lesson.hint(exercise) {
                println!("\nHint for {exercise}:\n{}", indent(&hint));
            }
            println!(
                "\nRun `cargo exercises {}` again when you have changed it.",
                lesson.number
            );
            Ok(false)
        }
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

fn indent(text: &str) -> String {
    text.trim()
        .lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// CI's check: every exercise test fails on the untouched starters.
fn starters_must_fail() -> Result<bool> {
    let mut ok = true;
    for lesson in lessons::all()? {
        let Some(results) = run_starter_tests(&lesson)? else {
            println!("✗ {}: the starters do not compile", lesson.package);
            ok = false;
            continue;
        };
        let passing: Vec<&String> = results
            .iter()
            .filter(|(_, r)| r.passed)
            .map(|(name, _)| name)
            .collect();
        if passing.is_empty() {
            println!(
                "✓ {}: all {} exercise tests fail on the starters",
                lesson.package,
                results.len()
            );
        } else {
            ok = false;
            println!(
                "✗ {}: these tests pass on the untouched starters, so they cannot catch a mistake: {passing:?}",
                lesson.package
            );
        }
    }
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libtest_output_is_read() {
        let out = "running 2 tests\ntest ex1_a ... ok\ntest ex2_b ... FAILED\n\nfailures:\n\n\
                   ---- ex2_b stdout ----\n\nthread 'ex2_b' panicked at x.rs:1:1:\nnot yet implemented\n\
                   note: run with `RUST_BACKTRACE=1` to see a backtrace\n\nfailures:\n    ex2_b\n";
        let results = parse_libtest(out);
        assert!(results["ex1_a"].passed);
        assert!(!results["ex2_b"].passed);
        assert!(results["ex2_b"].message.contains("not yet implemented"));
        assert_eq!(exercise_of("ex2_b"), "ex2");
    }
}
