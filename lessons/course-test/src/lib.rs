//! The lessons' test harness: a dev-dependency of the lessons, and what `cargo
//! record` is built on.
//!
//! It runs a lesson as a real process, reads the facts it prints, and checks
//! that what the book shows is still what the lesson does:
//!
//! - a run: the book includes recorded runs from
//!   `lessons/NN-topic/output/NAME.txt`. A test runs the part again and
//!   compares the two line by line, in order, with every number blanked out
//!   ([`compare`]), so timings and pids never make it fail while a changed,
//!   missing, extra or moved line does. A part whose lines come in a different
//!   order on each run says so in the lesson's `main.rs`
//!   ([`course_kit::Lesson::lines_in_any_order`]); the test asks the lesson
//!   binary (its hidden `--recordings` flag) and compares that part's lines in
//!   any order.
//! - a compile error: every `compile_fail/NAME.rs` must still fail to compile,
//!   with the error recorded in `compile_fail/NAME.stderr`
//!   ([`check_compile_fail`]).
//!
//! Tests only compare. After changing a lesson on purpose, record it again with
//! `cargo record 01` (every run and compile error of lesson 01) or `cargo
//! record 01 io` (one part).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use course_kit::cli::Lines;
use course_kit::cli::Recording;

pub mod deadline;
pub mod picture;
pub mod stopped;

/// How long a lesson may run in a test before it counts as hung and is killed.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// One finished run of a lesson binary.
#[derive(Debug)]
pub struct Run {
    /// The program that ran.
    pub exe: String,
    /// The arguments it was given.
    pub args: Vec<String>,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary at `exe` (from `env!("CARGO_BIN_EXE_lesson-NN")`) with
/// `args`, to the end.
pub fn run(exe: &str, args: &[&str]) -> Run {
    let mut command = Command::new(exe);
    command.args(args);
    run_command(exe, args, &mut command)
}

/// Runs the lesson at `exe` in a child role, the way the lesson itself starts
/// one (`--child-role ROLE ARGS...`, with the parent marker set): for testing
/// what a child started with wrong arguments says.
pub fn run_role(exe: &str, role: &str, args: &[&str]) -> Run {
    let all: Vec<&str> = [course_kit::child::ROLE_ARG, role]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let mut command = Command::new(exe);
    command.args(&all).env(
        course_kit::child::PARENT_ENV,
        std::process::id().to_string(),
    );
    run_command(exe, &all, &mut command)
}

fn run_command(exe: &str, args: &[&str], command: &mut Command) -> Run {
    let output = course_kit::child::output_with_deadline(command, DEADLINE)
        .unwrap_or_else(|error| panic!("running {exe} {args:?}: {error:#}"));
    Run {
        exe: exe.to_string(),
        args: args.iter().map(|a| a.to_string()).collect(),
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The runs the book shows of the lesson at `exe`, as its hidden `--recordings`
/// flag lists them: each one's name, its arguments, and what may change between
/// two runs.
pub fn recordings(exe: &str) -> Vec<Recording> {
    let listed = run(exe, &["--recordings"]);
    listed.assert_success();
    listed
        .stdout
        .lines()
        .map(|line| {
            Recording::parse(line).unwrap_or_else(|| {
                panic!("--recordings printed a line it should not: {line:?}")
            })
        })
        .collect()
}

/// Tries every number option of the lesson at `exe` at its bounds, one past
/// them, at 0 and `u64::MAX`, past `u64`, as a word, empty, negative, not UTF-8
/// and repeated. Each value is either accepted (checked with `--list`, so
/// nothing runs) or refused with one line on stderr naming the option, exit
/// code 2, and nothing on stdout: no part ran.
pub fn check_every_option(exe: &str) {
    use std::os::unix::ffi::OsStrExt;
    let listed = run(exe, &["--options"]);
    listed.assert_success();
    let options: Vec<(String, u64, u64)> = listed
        .stdout
        .lines()
        .map(|line| {
            let words: Vec<&str> = line.split(' ').collect();
            let number = |i: usize| -> u64 {
                words
                    .get(i)
                    .and_then(|w| w.parse().ok())
                    .unwrap_or_else(|| {
                        panic!(
                            "--options printed {line:?}: NAME MIN MAX DEFAULT"
                        )
                    })
            };
            (words[0].to_string(), number(1), number(2))
        })
        .collect();
    for (name, min, max) in &options {
        let (min, max) = (*min, *max);
        let mut values: Vec<(String, bool)> = vec![
            (min.to_string(), true),
            (max.to_string(), true),
            ("0".into(), min == 0),
            (u64::MAX.to_string(), max == u64::MAX),
            ("18446744073709551616".into(), false),
            ("many".into(), false),
            (String::new(), false),
            ("-1".into(), false),
            ("1.5".into(), false),
        ];
        if min > 0 {
            values.push(((min - 1).to_string(), false));
        }
        if max < u64::MAX {
            values.push(((max + 1).to_string(), false));
        }
        for (value, accepted) in values {
            let flag = format!("--{name}={value}");
            let tried = run(exe, &[&flag, "--list"]);
            if accepted {
                assert!(tried.status.success(), "{flag} is in range: {tried}");
            } else {
                refused(&tried, name, &flag);
            }
        }
        // Repeated: the last one counts, and both are checked.
        let twice = run(
            exe,
            &[
                &format!("--{name}={min}"),
                &format!("--{name}={max}"),
                "--list",
            ],
        );
        assert!(twice.status.success(), "--{name} twice: {twice}");
        let flag = format!("--{name}={min}");
        let late = run(exe, &[&flag, &format!("--{name}=x"), "--list"]);
        refused(&late, name, "a bad value after a good one");
        // A value that is not UTF-8 at all.
        let mut bad = format!("--{name}=").into_bytes();
        bad.push(0xff);
        let mut command = Command::new(exe);
        command.arg(std::ffi::OsStr::from_bytes(&bad));
        let not_utf8 = run_command(exe, &["--NAME=<0xff>"], &mut command);
        assert_eq!(
            not_utf8.status.code(),
            Some(2),
            "--{name} not UTF-8: {not_utf8}"
        );
        assert_eq!(not_utf8.stderr.lines().count(), 1, "one line: {not_utf8}");
        assert!(not_utf8.stderr.contains("UTF-8"), "{not_utf8}");
    }
}

/// Checks that `tried` was refused as a usage error about `--name`, before any
/// part ran.
fn refused(tried: &Run, name: &str, what: &str) {
    assert_eq!(
        tried.status.code(),
        Some(2),
        "{what} must be refused: {tried}"
    );
    assert_eq!(tried.stderr.lines().count(), 1, "{what}: one line: {tried}");
    assert!(
        tried.stderr.contains(&format!("--{name}")),
        "{what}: names the option: {tried}"
    );
    assert!(
        tried.stdout.is_empty(),
        "{what}: nothing may run first: {tried}"
    );
}

/// Runs `part` of the lesson at `exe` once, with `options`, checks that it
/// succeeded, and compares its output with the recording
/// `LESSON_DIR/output/PART.txt` that the book shows. Options only change
/// numbers, which the comparison sets aside, so a test may run a part with less
/// work than the recorded default.
pub fn run_part(
    exe: &str,
    lesson_dir: &str,
    part: &str,
    options: &[&str],
) -> Run {
    let args: Vec<&str> = std::iter::once(part)
        .chain(options.iter().copied())
        .collect();
    let run = run(exe, &args);
    run.assert_success();
    check_recording(&run, format!("{lesson_dir}/output/{part}.txt"));
    run
}

/// How many runs a test gives a part whose fact a busy machine can hide.
pub const TRIES: usize = 5;

/// [`run_part`] for a part whose fact a busy machine can hide (a sleep that
/// ends late lets a deadline pass the other way): runs it up to [`TRIES`]
/// times until a run prints `fact`, and compares that run with the recording.
/// Every run must succeed, and a run that does not show the fact must say so in
/// a `Note: ` line: the lesson never states what its numbers contradict.
pub fn run_part_showing(
    exe: &str,
    lesson_dir: &str,
    part: &str,
    options: &[&str],
    fact: &str,
) -> Run {
    run_part_until(exe, lesson_dir, part, options, fact, |run| {
        run.stdout.contains(fact)
    })
}

/// [`run_part_showing`] for a fact that is not a piece of text: `shows` says
/// whether a run shows it, and `fact` says what it is, for the failure message.
pub fn run_part_until(
    exe: &str,
    lesson_dir: &str,
    part: &str,
    options: &[&str],
    fact: &str,
    shows: impl Fn(&Run) -> bool,
) -> Run {
    let args: Vec<&str> = std::iter::once(part)
        .chain(options.iter().copied())
        .collect();
    for _ in 0..TRIES {
        let run = run(exe, &args);
        run.assert_success();
        if shows(&run) {
            check_recording(&run, format!("{lesson_dir}/output/{part}.txt"));
            return run;
        }
        assert!(
            run.stdout.contains("Note: "),
            "a run that does not show {fact:?} must say why: {run}"
        );
    }
    panic!("in {TRIES} runs of {part}, none showed {fact:?}");
}

/// For a test that runs code in its own process and checks a fact a busy
/// machine can hide: calls `attempt` up to [`TRIES`] times and returns as soon
/// as one call returns `Ok`. If none does, the test fails with what each call
/// found. A wrong answer must fail every call, so a test that uses this needs a
/// margin that load cannot close for the wrong answer, only for the right one.
pub fn once_in_tries(mut attempt: impl FnMut() -> Result<(), String>) {
    let mut found = Vec::new();
    for _ in 0..TRIES {
        match attempt() {
            Ok(()) => return,
            Err(why) => found.push(why),
        }
    }
    panic!("in {TRIES} tries, none passed:\n{}", found.join("\n"));
}

/// Runs the lesson at `exe` with the arguments its `main.rs` declares for the
/// recording `name` (as `cargo record` does), checks that it succeeded, and
/// compares its output with `LESSON_DIR/output/NAME.txt`. For a run the book
/// shows with other options than the part's defaults
/// ([`course_kit::Lesson::also_recorded_as`]).
pub fn run_recorded(exe: &str, lesson_dir: &str, name: &str) -> Run {
    let recording = recordings(exe)
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| {
            panic!("the lesson's main.rs declares no recording {name}")
        });
    let args: Vec<&str> = recording.args.iter().map(String::as_str).collect();
    let run = run(exe, &args);
    run.assert_success();
    check_recording(&run, format!("{lesson_dir}/output/{name}.txt"));
    run
}

/// Declares what a lesson's `tests/run.rs` needs: `LESSON` (the lesson's
/// executable), `DIR` (its folder) and `part(name, options)`, which is
/// [`run_part`] for this lesson.
///
/// ```ignore
/// course_test::lesson_under_test!("lesson-01");
/// ```
#[macro_export]
macro_rules! lesson_under_test {
    ($package:literal) => {
        const LESSON: &str = env!(concat!("CARGO_BIN_EXE_", $package));
        const DIR: &str = env!("CARGO_MANIFEST_DIR");

        /// Runs one part and compares its output with the book's recording.
        #[allow(dead_code)]
        fn part(name: &str, options: &[&str]) -> $crate::Run {
            $crate::run_part(LESSON, DIR, name, options)
        }

        /// [`part`], run until it prints `fact` (at most `TRIES` runs).
        #[allow(dead_code)]
        fn part_showing(
            name: &str,
            options: &[&str],
            fact: &str,
        ) -> $crate::Run {
            $crate::run_part_showing(LESSON, DIR, name, options, fact)
        }

        /// [`part`], run until `shows` holds (at most `TRIES` runs).
        #[allow(dead_code)]
        fn part_until(
            name: &str,
            options: &[&str],
            fact: &str,
            shows: impl Fn(&$crate::Run) -> bool,
        ) -> $crate::Run {
            $crate::run_part_until(LESSON, DIR, name, options, fact, shows)
        }
    };
}

/// The promises every lesson's command line keeps, checked on the real
/// executable `exe` of the lesson in `lesson_dir`: `--help` shows the usage; a
/// bad value for the number option `option`, an unknown part, and a child role
/// typed by hand each get one line on stderr and exit code 2. And the runs the
/// lesson declares (`--recordings`) are the ones recorded in its `output/`
/// folder, no more and no fewer.
pub fn check_command_line(exe: &str, lesson_dir: &str, option: &str) {
    let package = Path::new(exe)
        .file_name()
        .and_then(|name| name.to_str())
        .expect("a lesson's executable is named after its package");
    let help = run(exe, &["--help"]);
    help.assert_success()
        .assert_prints(&format!("Usage: cargo run -p {package}"));
    let mistakes = [
        vec![format!("--{option}=soon")],
        vec!["nonsense".to_string()],
        vec![
            course_kit::child::ROLE_ARG.to_string(),
            "anything".to_string(),
        ],
    ];
    // A reader that went away (`| head`) ends the lesson quietly, with no
    // panic.
    let (reader, writer) = std::io::pipe().expect("cannot make a pipe");
    drop(reader);
    let closed = Command::new(exe)
        .arg("--help")
        .stdout(writer)
        .output()
        .expect("cannot run the lesson");
    let stderr = String::from_utf8_lossy(&closed.stderr);
    assert!(
        stderr.is_empty(),
        "with its output closed, the lesson should stop quietly: {stderr}"
    );
    for args in mistakes {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mistake = run(exe, &args);
        assert_eq!(mistake.status.code(), Some(2), "{args:?}: {mistake}");
        assert_eq!(
            mistake.stderr.lines().count(),
            1,
            "{args:?}: one line, no panic: {mistake}"
        );
    }
    let declared: Vec<String> =
        recordings(exe).into_iter().map(|r| r.name).collect();
    let mut recorded =
        files_named(&Path::new(lesson_dir).join("output"), "txt");
    let missing: Vec<&String> =
        declared.iter().filter(|n| !recorded.contains(n)).collect();
    recorded.retain(|name| !declared.contains(name));
    assert!(
        missing.is_empty() && recorded.is_empty(),
        "{package}'s main.rs declares runs that output/ has no recording of: {missing:?}; \
         output/ has recordings of runs it does not declare: {recorded:?}"
    );
    // A picture is drawn by `cargo record` beside its part's text, from the
    // same run.
    let pictures = files_named(&Path::new(lesson_dir).join("output"), "svg");
    let stray: Vec<&String> =
        pictures.iter().filter(|n| !declared.contains(n)).collect();
    assert!(
        stray.is_empty(),
        "output/ has pictures of parts {package}'s main.rs does not declare: {stray:?}"
    );
}

/// The names, without the extension, of the files `dir/NAME.EXTENSION`, sorted;
/// none if there is no such folder.
fn files_named(dir: &Path, extension: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect();
    names.sort();
    names
}

impl Run {
    /// Panics (showing everything the run printed) unless it exited with status
    /// 0.
    pub fn assert_success(&self) -> &Self {
        assert!(self.status.success(), "the lesson failed: {self}");
        self
    }

    /// Panics unless stdout contains `text`.
    pub fn assert_prints(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "expected {text:?} in the output: {self}"
        );
        self
    }

    /// Every number printed right after `label` (on the same line), in order.
    pub fn numbers_after(&self, label: &str) -> Vec<f64> {
        self.stdout
            .lines()
            .filter_map(|line| line.split_once(label).map(|(_, rest)| rest))
            .filter_map(first_number)
            .collect()
    }

    /// The duration printed right after `label` (as `[Secs]` prints it: `97.3
    /// ms`, `1.02 s`, `7.8 µs`), in milliseconds, so that two durations can be
    /// compared whatever units they were printed in.
    ///
    /// [Secs]: course_kit::timing::Secs
    pub fn millis_after(&self, label: &str) -> f64 {
        let (_, rest) = self
            .stdout
            .split_once(label)
            .unwrap_or_else(|| panic!("no {label:?} in the output: {self}"));
        let mut words = rest.split_whitespace();
        let number: f64 = words
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("no duration after {label:?}: {self}"));
        let unit = words.next().unwrap_or_default();
        match unit.trim_end_matches(|c: char| !c.is_alphabetic()) {
            "s" => number * 1e3,
            "ms" => number,
            "µs" => number / 1e3,
            unit => panic!("unknown unit {unit:?} after {label:?}: {self}"),
        }
    }

    /// The first number printed right after `label`.
    pub fn number_after(&self, label: &str) -> f64 {
        *self.numbers_after(label).first().unwrap_or_else(|| {
            panic!("no number after {label:?} in the output: {self}")
        })
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\n--- ran: {} {}\n--- status: {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.exe,
            self.args.join(" "),
            self.status,
            self.stdout,
            self.stderr
        )
    }
}

fn first_number(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let number: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.trim_end_matches('.').parse().ok()
}

/// A line with its numbers blanked, and the units of its durations and sizes
/// too: a run that takes 1.02 s where the recording took 980.0 ms, or adds 0 B
/// where it added 14.4 kB, has not changed what it prints.
///
/// Runs of spaces count as one space and rules of dashes as one rule, so that a
/// table whose columns widen for a longer number (`99.1 ms` to `104.2 ms`) is
/// the same table.
fn blank_numbers(line: &str) -> String {
    let blanked = blank_bars(&blank_digits(line))
        .replace("# ms", "# s")
        .replace("# µs", "# s")
        .replace("# kB", "# B")
        .replace("# MB", "# B")
        .replace("# GB", "# B");
    let mut out = String::with_capacity(blanked.len());
    for c in blanked.chars() {
        let repeat =
            out.ends_with(' ') && c == ' ' || out.ends_with("--") && c == '-';
        if !repeat {
            out.push(c);
        }
    }
    out
}

/// A text timeline's row of bars (`██▓▓··|··`) is drawn from its run's timings,
/// like a number: the whole row reads as one `~`.
fn blank_bars(line: &str) -> String {
    const BARS: [char; 4] = ['█', '▓', '·', '|'];
    let mut out = String::with_capacity(line.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().any(|c| c != '|') {
            out.push('~');
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in line.chars() {
        if BARS.contains(&c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn blank_digits(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.trim_end().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            while chars
                .peek()
                .is_some_and(|n| n.is_ascii_digit() || *n == '.' || *n == ',')
            {
                chars.next();
            }
            out.push('#');
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` without its `Note: ` lines (see [`compare`]).
fn without_notes(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("Note: "))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The lines of `text` as a test compares them: numbers blanked, in order.
pub fn blanked_lines(text: &str) -> Vec<String> {
    text.lines().map(blank_numbers).collect()
}

/// Compares what a run `printed` with what the book `recorded`, line by line
/// with numbers blanked: in order; or, for a part that declares
/// [`Lines::AnyOrder`], as two collections in which every line appears as often
/// in one as in the other; or, for a part that declares [`Lines::RepeatsVary`],
/// in order with each run of equal lines counted once. `Err` says where they
/// first differ, with line numbers.
///
/// A line that starts with `Note: ` is left out on both sides: a lesson prints
/// one when this run's numbers could not show what the part teaches (a busy
/// machine), so that it never states a conclusion its own numbers contradict.
pub fn compare(
    recorded: &str,
    printed: &str,
    lines: Lines,
) -> Result<(), String> {
    let (recorded, printed) =
        (&without_notes(recorded), &without_notes(printed));
    let book: Vec<&str> = recorded.lines().collect();
    let run: Vec<&str> = printed.lines().collect();
    let book_blanked = blanked_lines(recorded);
    let run_blanked = blanked_lines(printed);
    let numbered = |lines: &[&str], i: usize| match lines.get(i) {
        Some(line) => format!("{:>4} | {line}", i + 1),
        None => {
            format!("{:>4} | (no such line: {} in all)", i + 1, lines.len())
        }
    };
    match lines {
        Lines::InOrder | Lines::RepeatsVary => {
            // The lines compared, by their number in the text.
            let kept = |blanked: &[String]| -> Vec<usize> {
                (0..blanked.len())
                    .filter(|&i| {
                        lines == Lines::InOrder
                            || i == 0
                            || blanked[i] != blanked[i - 1]
                    })
                    .collect()
            };
            let (book_kept, run_kept) =
                (kept(&book_blanked), kept(&run_blanked));
            let Some(at) =
                (0..book_kept.len().max(run_kept.len())).find(|&k| {
                    book_kept.get(k).map(|&i| &book_blanked[i])
                        != run_kept.get(k).map(|&i| &run_blanked[i])
                })
            else {
                return Ok(());
            };
            let mut message = String::from("The first line that differs:\n");
            if lines == Lines::RepeatsVary {
                message += "(a line repeated in a row counts once, as the part declares)\n";
            }
            for (who, lines, kept) in [
                ("The book", &book, &book_kept),
                ("This run", &run, &run_kept),
            ] {
                // Where the difference is, in this text's own line numbers.
                let here = kept.get(at).copied().unwrap_or(lines.len());
                message += &format!("{who}:\n");
                for i in here.saturating_sub(2)..here {
                    message += &format!("    {}\n", numbered(lines, i));
                }
                message += &format!("  > {}\n", numbered(lines, here));
            }
            Err(message)
        }
        Lines::AnyOrder => {
            // Pair each line of the book with an equal line of the run not yet
            // paired.
            let mut unpaired: Vec<bool> = vec![true; run.len()];
            let mut only_book = Vec::new();
            for (i, line) in book_blanked.iter().enumerate() {
                match (0..run.len())
                    .find(|&j| unpaired[j] && run_blanked[j] == *line)
                {
                    Some(j) => unpaired[j] = false,
                    None => only_book.push(i),
                }
            }
            let only_run: Vec<usize> =
                (0..run.len()).filter(|&j| unpaired[j]).collect();
            if only_book.is_empty() && only_run.is_empty() {
                return Ok(());
            }
            let mut message = String::from(
                "The lines differ (in any order, as the part declares, but each as often \
                 as the book has it).\n",
            );
            for (who, lines, which) in [
                ("the book", &book, &only_book),
                ("this run", &run, &only_run),
            ] {
                message += &format!("Only in {who} ({}):\n", which.len());
                for &i in which.iter().take(10) {
                    message += &format!("  > {}\n", numbered(lines, i));
                }
            }
            Err(message)
        }
    }
}

/// Checks that `run` printed what its recording at `path` (shown in the book)
/// says, numbers aside: line by line, in order unless the run's part declares
/// otherwise.
pub fn check_recording(run: &Run, path: impl AsRef<Path>) {
    let path = path.as_ref();
    let name = path
        .file_stem()
        .and_then(|n| n.to_str())
        .expect("a recording is output/NAME.txt");
    let recording = recordings(&run.exe)
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| {
            panic!(
                "the lesson's main.rs declares no run recorded as {}",
                path.display()
            )
        });
    assert_eq!(
        run.args.first(),
        recording.args.first(),
        "{} is the recording of another part",
        path.display()
    );
    let recorded = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read the recording {}: {e}", path.display())
    });
    if let Err(difference) = compare(&recorded, &run.stdout, recording.lines) {
        let lesson = path
            .ancestors()
            .nth(2)
            .and_then(|dir| dir.file_name()?.to_str()?.split('-').next())
            .unwrap_or("NN");
        panic!(
            "the lesson no longer prints what the book shows in {} (numbers aside).\n\
             {difference}\
             If the change is on purpose, record it again:\n  \
             cargo record {lesson} {name}\n{run}",
            path.display(),
        );
    }
}

/// The listings of the lesson in `lesson_dir` that must not compile: the names
/// of its files `compile_fail/NAME.rs`, sorted.
pub fn listings(lesson_dir: impl AsRef<Path>) -> Vec<String> {
    files_named(&lesson_dir.as_ref().join("compile_fail"), "rs")
}

/// Checks every listing of the lesson in `lesson_dir` that the book says does
/// not compile (`compile_fail/NAME.rs`): it still fails, with the error the
/// book shows in `compile_fail/NAME.stderr`. Of rustc's messages only the first
/// error line counts, code and message (`error[E0499]: cannot borrow ...`): the
/// rest (the drawing under the code, the notes) changes from one compiler
/// release to the next.
pub fn check_compile_fail(lesson_dir: &str) {
    let listings = listings(lesson_dir);
    assert!(
        !listings.is_empty(),
        "no listings in {lesson_dir}/compile_fail"
    );
    let mut problems = String::new();
    for name in listings {
        let recorded_path =
            Path::new(lesson_dir).join(format!("compile_fail/{name}.stderr"));
        let recorded =
            std::fs::read_to_string(&recorded_path).unwrap_or_default();
        let Some(expected) = first_error(&recorded) else {
            problems +=
                &format!("{}: no error recorded\n", recorded_path.display());
            continue;
        };
        match compile_listing(lesson_dir, &name) {
            Err(problem) => problems += &format!("{problem}\n"),
            Ok(stderr)
                if first_error(&stderr_for_the_book(&stderr))
                    != Some(expected) =>
            {
                problems += &format!(
                    "compile_fail/{name}.rs: the book shows\n  {expected}\nbut rustc says\n  \
                     {}\nrustc's whole output:\n{stderr}\n",
                    first_error(&stderr_for_the_book(&stderr))
                        .unwrap_or("(no error line)")
                );
            }
            Ok(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{problems}If the change is on purpose, record the error again with cargo record."
    );
}

/// The first error line of rustc's messages: `error[CODE]: message`, or
/// `error: message` for an error that rustc gives no code.
pub fn first_error(stderr: &str) -> Option<&str> {
    stderr.lines().map(str::trim_end).find(|line| {
        line.starts_with("error[")
            || line.starts_with("error:")
                && !line.starts_with("error: aborting")
    })
}

/// Compiles the lesson's listing `compile_fail/NAME.rs` as a reader would try
/// it: with rustc, edition 2024, given the crates it names that the lesson's
/// build holds (a dependency such as rayon or tokio, or the lesson's own
/// library). Returns rustc's messages, or `Err` if the listing compiled or
/// rustc could not run.
///
/// The crates are the ones cargo built in `target/<profile>/deps`, beside the
/// running program (a test, or `cargo record`): the lesson must have been built
/// first.
pub fn compile_listing(
    lesson_dir: impl AsRef<Path>,
    name: &str,
) -> Result<String, String> {
    static SCRATCH: AtomicUsize = AtomicUsize::new(0);
    let lesson_dir = lesson_dir.as_ref();
    let file = format!("compile_fail/{name}.rs");
    let source = std::fs::read_to_string(lesson_dir.join(&file))
        .map_err(|e| format!("cannot read {file}: {e}"))?;
    let deps = deps_dir();
    let scratch = std::env::temp_dir().join(format!(
        "course-compile-fail-{}-{}",
        std::process::id(),
        SCRATCH.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&scratch)
        .map_err(|e| format!("cannot make {}: {e}", scratch.display()))?;
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let mut command = Command::new(rustc);
    command
        .current_dir(lesson_dir)
        .args([
            "--edition",
            "2024",
            "--color",
            "never",
            "--emit",
            "metadata",
            // Source lines are cut to fit the book's 80 columns.
            "--diagnostic-width=80",
        ])
        .arg("-L")
        .arg(format!("dependency={}", deps.display()));
    for (krate, library) in crates_named_in(&source, &deps) {
        command
            .arg("--extern")
            .arg(format!("{krate}={}", library.display()));
    }
    let output = command.arg("--out-dir").arg(&scratch).arg(&file).output();
    let _ = std::fs::remove_dir_all(&scratch);
    let output = output.map_err(|e| format!("cannot run rustc: {e}"))?;
    if output.status.success() {
        return Err(format!("{file} compiled, but the book says it must not"));
    }
    Ok(String::from_utf8_lossy(&output.stderr).into_owned())
}

/// `target/<profile>/deps`: where this program lives if it is a test, or beside
/// it.
fn deps_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("cannot find the running program");
    let dir = exe.parent().expect("a program lives in a folder");
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir.to_path_buf()
    } else {
        dir.join("deps")
    }
}

/// The crates that `source` starts a path with (`rayon::prelude`,
/// `#[tokio::main]`) and that `deps` holds a library of, each with its newest
/// library: a full build's `.rlib` if there is one, or else `cargo check`'s
/// `.rmeta`. Other first words of a path (`std`, `thread`, `Duration`) have no
/// library there and are left to rustc.
fn crates_named_in(source: &str, deps: &Path) -> Vec<(String, PathBuf)> {
    let mut named: Vec<&str> = Vec::new();
    for (at, _) in source.match_indices("::") {
        let before = &source[..at];
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let word = &before[start..];
        if !word.is_empty()
            && !before[..start].ends_with("::")
            && !named.contains(&word)
        {
            named.push(word);
        }
    }
    let files: Vec<PathBuf> = std::fs::read_dir(deps)
        .map(|entries| {
            entries.filter_map(|e| e.ok().map(|e| e.path())).collect()
        })
        .unwrap_or_default();
    let mut found = Vec::new();
    for krate in named {
        let prefix = format!("lib{krate}-");
        let newest = |extension: &str| {
            files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == extension))
                .filter(|p| {
                    p.file_stem()
                        .and_then(|s| s.to_str()?.strip_prefix(&prefix))
                        .is_some_and(|hash| {
                            hash.chars().all(|c| c.is_ascii_hexdigit())
                        })
                })
                .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
                .cloned()
        };
        if let Some(library) = newest("rlib").or_else(|| newest("rmeta")) {
            found.push((krate.to_string(), library));
        }
    }
    found
}

/// rustc's messages as the book shows them, without what differs from one
/// machine or toolchain to another. The notes that point into the standard
/// library's own source (`--> /rustc/<commit>/library/...`) say nothing to a
/// learner: they are dropped, with the `note:` line that introduces them and
/// any source lines shown under them. A path in the home folder (a crate's
/// source in cargo's registry) starts with `~`.
pub fn stderr_for_the_book(stderr: &str) -> String {
    let home = std::env::var("HOME").ok().filter(|home| home.len() > 1);
    let mut kept: Vec<String> = Vec::new();
    let mut under_toolchain_path = false;
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        // A path into the toolchain or a crate's source: the reader's
        // machine has another, and the lines under it are not theirs.
        let elsewhere = |path: &str| {
            path.starts_with("/rustc/") || path.contains("/.cargo/registry/")
        };
        if trimmed
            .strip_prefix("--> ")
            .or_else(|| trimmed.strip_prefix("::: "))
            .is_some_and(elsewhere)
        {
            if trimmed.starts_with("-->")
                && kept.last().is_some_and(|l| l.starts_with("note:"))
            {
                kept.pop();
            }
            under_toolchain_path = true;
            continue;
        }
        // The source lines shown under a path: `  |`, `125 | ...`, `...`.
        let source_line = trimmed.starts_with('|')
            || trimmed.starts_with("...")
            || trimmed.split_once(" |").is_some_and(|(number, _)| {
                !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
            });
        // A label of the toolchain's source that points at nothing the
        // reader can see once that source is gone.
        let macro_label = trimmed == "= note: in this macro invocation";
        if under_toolchain_path && (source_line || macro_label) {
            continue;
        }
        under_toolchain_path = false;
        kept.push(match &home {
            Some(home) => line.replace(&format!("{home}/"), "~/"),
            None => line.to_string(),
        });
    }
    let mut narrow = Vec::new();
    for line in kept {
        // Advice that only a compiler developer can take.
        if line.contains("in Nightly builds, run with -Z")
            || line.contains("the full name for the type has been written")
            || line.contains("consider using `--verbose` to print the full")
        {
            continue;
        }
        narrow.extend(wrapped(&line, BOOK_COLUMNS));
    }
    narrow.join("\n") + "\n"
}

/// The width of a code block in the book.
pub const BOOK_COLUMNS: usize = 80;

/// `line` cut at spaces into lines of at most `width` characters; each
/// continuation is indented to where the message began (after `error[..]: `
/// or `= note: `, or under a label beside the `|` gutter), so it still reads
/// as one message.
fn wrapped(line: &str, width: usize) -> Vec<String> {
    if line.chars().count() <= width {
        return vec![line.to_string()];
    }
    let pad = continuation(line, width);
    let mut lines = Vec::new();
    let mut words = line.split(' ');
    let mut current = words.next().unwrap_or_default().to_string();
    for word in words {
        let long = current.chars().count() + 1 + word.chars().count() > width;
        if long && !word.is_empty() && !current.trim().is_empty() {
            lines.push(std::mem::replace(&mut current, pad.clone() + word));
        } else {
            current.push(' ');
            current.push_str(word);
        }
    }
    lines.push(current);
    lines
}

/// Shared memory a run may have left in `/dev/shm`.
pub mod shm {
    use std::time::{Duration, SystemTime};

    use course_kit::shm::owner_pid;

    /// The course's segments in `/dev/shm` whose owner no longer exists, among
    /// those created at or after `since`: what a run that started then has
    /// leaked. (Tests use it: a segment made earlier, by someone else, is not
    /// that run's leak.)
    pub fn leaked_since(since: SystemTime) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir("/dev/shm") else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|made| made >= since)
            })
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| {
                owner_pid(name).is_some_and(|pid| {
                    !std::path::Path::new(&format!("/proc/{pid}")).exists()
                })
            })
            .collect()
    }

    /// What a run that started at `since` leaked, as a test can tell while
    /// other programs (another test suite, say) run beside it: the course's
    /// segments whose owner has ended ([`leaked_since`]) and the
    /// `shared_memory` crate's (`shmem_...`), made at or after `since` and
    /// still in `/dev/shm` 2 s later. Another program may hold one of those
    /// for a moment, between a kill and its clean-up or between a `create`
    /// and an `unlink`; a leak stays.
    pub fn left_since(since: SystemTime) -> Vec<String> {
        let look = || {
            let mut left = leaked_since(since);
            left.extend(crate_segments_since(since));
            left
        };
        let mut left = look();
        let deadline = std::time::Instant::now() + Duration::from_secs(2);
        while !left.is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            let now = look();
            left.retain(|name| now.contains(name));
        }
        left
    }

    /// Segments of the `shared_memory` crate (`/shmem_...`) made at or after
    /// `since` and still in `/dev/shm`.
    fn crate_segments_since(since: SystemTime) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir("/dev/shm") else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("shmem_"))
            .filter(|e| {
                e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|made| made >= since)
            })
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// The names of this course's segments now in `/dev/shm` whose owner has
    /// process id `pid`.
    pub fn segments_of(pid: u32) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir("/dev/shm") else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| owner_pid(name) == Some(pid))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        compare(a, b, Lines::InOrder).is_ok()
    }

    #[test]
    fn numbers_do_not_matter() {
        assert!(same(
            "took 0.61 s\nthread 3 done\n",
            "took 1,204.5 s\nthread 4 done  \n"
        ));
    }

    #[test]
    fn size_units_do_not_matter() {
        assert!(same("kernel stack 14.4 kB\n", "kernel stack 0 B\n"));
        assert!(same("private 3.1 MB\n", "private 980 kB\n"));
    }

    #[test]
    fn duration_units_do_not_matter() {
        assert!(same("took 980.0 ms\n", "took 1.02 s\n"));
        assert!(same("took 7.8 µs\n", "took 1.0 ms\n"));
    }

    #[test]
    fn column_widths_do_not_matter() {
        let narrow =
            "  threads     time\n  -------  -------\n  1        99.1 ms\n";
        let wide =
            "  threads      time\n  -------  --------\n  1        104.2 ms\n";
        assert!(same(narrow, wide));
    }

    #[test]
    fn notes_about_a_busy_machine_are_left_out() {
        let recorded = "took 1 s\nThreads were 2.0x faster.\n";
        let busy = "took 1 s\nThreads were 1.1x faster.\nNote: the machine was busy.\n";
        assert_eq!(compare(recorded, busy, Lines::InOrder), Ok(()));
    }

    #[test]
    fn timeline_bars_read_as_one_mark() {
        let a = "  main         ████▓▓▓···|··\n  | tick 1\n";
        let b = "  main         ██▓▓▓▓▓▓▓▓··\n  | tick 2\n";
        assert_eq!(blanked_lines(a), blanked_lines(b));
        let other = "  other        ████\n  | tick 1\n";
        assert_ne!(blanked_lines(a), blanked_lines(other));
    }

    #[test]
    fn words_order_and_repeats_do() {
        assert!(!same("took 1 s\n", "waited 1 s\n"));
        assert!(!same("a\nb\n", "a\n"));
        assert!(!same("a\nb\n", "b\na\n"), "a line that moved");
        assert!(!same("a\nb\n", "a\nb\nb\n"), "a line twice");
    }

    #[test]
    fn the_first_difference_is_shown_with_line_numbers() {
        let error = compare(
            "one\ntwo\nthree\nfour\n",
            "one\ntwo\nthree\nfive\n",
            Lines::InOrder,
        )
        .unwrap_err();
        assert!(error.contains("  >    4 | four"), "{error}");
        assert!(error.contains("  >    4 | five"), "{error}");
        assert!(error.contains("       3 | three"), "context: {error}");
        let shorter = compare("a\nb\n", "a\n", Lines::InOrder).unwrap_err();
        assert!(
            shorter.contains("2 | (no such line: 1 in all)"),
            "{shorter}"
        );
    }

    #[test]
    fn repeats_may_vary_where_a_part_says_so() {
        let book = "ticks:\n  tick 1\n  tick 2\nstopped\n";
        let run = "ticks:\n  tick 1\nstopped\n";
        assert!(!same(book, run));
        assert!(compare(book, run, Lines::RepeatsVary).is_ok());
        let moved =
            compare(book, "ticks:\nstopped\n  tick 1\n", Lines::RepeatsVary)
                .unwrap_err();
        assert!(moved.contains("  >    2 |   tick 1"), "{moved}");
        assert!(moved.contains("  >    2 | stopped"), "{moved}");
    }

    #[test]
    fn any_order_still_counts_every_line() {
        let any = |a: &str, b: &str| compare(a, b, Lines::AnyOrder);
        assert!(
            any(
                "thread 3 done\nthread 1 done\n",
                "thread 2 done\nthread 4 done\n"
            )
            .is_ok()
        );
        assert!(any("a\nb\nb\n", "b\na\nb\n").is_ok());
        let error = any("a\nb\nb\n", "b\na\n").unwrap_err();
        assert!(
            error.contains("Only in the book (1):\n  >    3 | b"),
            "{error}"
        );
        assert!(error.contains("Only in this run (0)"), "{error}");
    }

    #[test]
    fn the_first_error_line_is_code_and_message() {
        let stderr = "error[E0499]: cannot borrow `x`\n --> a.rs:1:1\n\nerror: aborting due to 1 previous error\n";
        assert_eq!(
            first_error(stderr),
            Some("error[E0499]: cannot borrow `x`")
        );
        let uncoded = "error: future cannot be sent between threads safely\n";
        assert_eq!(first_error(uncoded), Some(uncoded.trim_end()));
        assert_eq!(
            first_error("error: aborting due to 2 previous errors\n"),
            None
        );
    }

    #[test]
    fn crates_are_found_where_a_path_starts() {
        let deps = std::env::temp_dir()
            .join(format!("course-test-deps-{}", std::process::id()));
        std::fs::create_dir_all(&deps).unwrap();
        for file in [
            "librayon-0123abcd.rlib",
            "librayon-0123abcd.rmeta",
            "librayon_core-99.rlib",
        ] {
            std::fs::write(deps.join(file), "").unwrap();
        }
        let source = "use rayon::prelude::*;\nfn main() { std::thread::sleep(d); x.rayon::y }";
        let found = crates_named_in(source, &deps);
        std::fs::remove_dir_all(&deps).unwrap();
        assert_eq!(
            found,
            [("rayon".to_string(), deps.join("librayon-0123abcd.rlib"))]
        );
    }

    #[test]
    fn toolchain_paths_are_dropped() {
        let stderr = "error[E0368]: no\n --> a.rs:5:5\n  |\n  = help: x\nnote: defined here\n  --> /rustc/abc/x.rs:1:1\n   |\n12 | pub fn spawn()\n   |        ^^^^^\n\nerror: aborting\n";
        assert_eq!(
            stderr_for_the_book(stderr),
            "error[E0368]: no\n --> a.rs:5:5\n  |\n  = help: x\n\nerror: aborting\n"
        );
    }

    #[test]
    fn a_macro_in_the_toolchain_is_not_pointed_at() {
        let stderr = "error[E0368]: no\n --> a.rs:5:5\n  |\n  = note: `AtomicI64` is defined in another crate\n ::: /rustc/abc/atomic.rs:3727:1\n  |\n  = note: in this macro invocation\n\nerror: aborting\n";
        assert_eq!(
            stderr_for_the_book(stderr),
            "error[E0368]: no\n --> a.rs:5:5\n  |\n  = note: `AtomicI64` is defined in another crate\n\nerror: aborting\n"
        );
    }

    #[test]
    fn first_number_reads_decimals() {
        assert_eq!(first_number(": 1.93x faster"), Some(1.93));
        assert_eq!(first_number("none"), None);
    }
}

/// What starts each continuation of `line`: spaces up to where its message
/// began, keeping the `|` gutter of a source or label line.
fn continuation(line: &str, width: usize) -> String {
    let gutter = line.find('|').filter(|&at| {
        line[..at].chars().all(|c| c == ' ' || c.is_ascii_digit())
    });
    if let Some(at) = gutter.filter(|_| line.is_ascii()) {
        let label = line[at + 1..]
            .find(|c: char| !" ^-|".contains(c))
            .map_or(at + 2, |start| at + 1 + start)
            .min(width / 2);
        // Keep every `|` of the gutter (nested spans draw two); blank the
        // rest, so the continuation starts under the label.
        return line[..label]
            .chars()
            .map(|c| if c == '|' { '|' } else { ' ' })
            .collect();
    }
    let indent = ["]: ", "= note: ", "= help: ", "error: ", "note: "]
        .iter()
        .filter_map(|mark| line.find(mark).map(|at| at + mark.len()))
        .min()
        .unwrap_or(0)
        .min(width / 2);
    " ".repeat(indent)
}

#[cfg(test)]
mod wrapping {
    #[test]
    fn a_long_message_wraps_under_its_start() {
        let line = "error[E0277]: the trait bound `{closure}: AsRef<OsStr>` \
                    is not satisfied because closures are not programs at all";
        let lines = super::wrapped(line, 40);
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:#?}");
        assert!(lines[1].starts_with("              "), "{lines:#?}");
        assert_eq!(
            lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
            line
        );
    }
}

#[cfg(test)]
mod for_the_book {
    #[test]
    fn paths_elsewhere_and_compiler_developer_advice_are_dropped() {
        let stderr = "error[E0277]: the trait bound is not satisfied\n\
             note: required by a bound in `Command::new`\n \
             --> /rustc/5980/library/std/src/process.rs:664:4\n  \
             = note: the full name for the type has been written to '/tmp/x.txt'\n  \
             = note: consider using `--verbose` to print the full type name to the console\n";
        let shown = super::stderr_for_the_book(stderr);
        assert_eq!(shown, "error[E0277]: the trait bound is not satisfied\n");
    }
}

/// Runs `lesson ARGS` with no `python3` on its `PATH`, checks that it still
/// succeeds and says in one line that Python was not found, and returns what
/// it printed, for the caller to check the Rust rows.
pub fn run_without_python(lesson: &str, args: &[&str]) -> String {
    let mut command = std::process::Command::new(lesson);
    command.args(args).env("PATH", "/nonexistent");
    let output = course_kit::child::output_with_deadline(
        &mut command,
        std::time::Duration::from_secs(60),
    )
    .expect("the lesson ran");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{stdout}");
    let not_found = format!("\n{}\n", course_kit::python::NOT_FOUND);
    assert!(stdout.contains(&not_found), "{stdout}");
    stdout
}
