//! The lessons' test harness (a dev-dependency: no lesson binary compiles it).
//!
//! It runs a lesson as a real process, reads the facts it prints, and checks that
//! the output the book shows is still what the lesson prints.
//!
//! The book includes recorded runs from `lessons/NN-topic/output/PART.txt`. A test runs the
//! part again and compares the two with every number blanked out and the lines sorted, so
//! timings, pids and the order in which threads print never make it fail, while a changed,
//! missing or extra line does. To record again after changing a lesson on purpose:
//!
//! ```text
//! RECORD_OUTPUT=1 cargo test -p lesson-01 --test run -- --test-threads=1
//! ```

use std::path::Path;
use std::process::{Command, ExitStatus};
use std::time::Duration;

pub mod deadline;
pub mod picture;

/// How long a lesson may run in a test before it counts as hung and is killed.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// One finished run of a lesson binary.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary at `exe` (from `env!("CARGO_BIN_EXE_lesson-NN")`) with `args`, to the end.
pub fn run(exe: &str, args: &[&str]) -> Run {
    let output = course_kit::child::output_with_deadline(Command::new(exe).args(args), DEADLINE)
        .unwrap_or_else(|error| panic!("running {exe} {args:?}: {error:#}"));
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs the lesson at `exe` in a child role, the way the lesson itself starts one
/// (`--child-role ROLE ARGS...`, with the parent marker set): for testing what a child
/// started with wrong arguments says.
pub fn run_role(exe: &str, role: &str, args: &[&str]) -> Run {
    let mut command = Command::new(exe);
    command
        .arg(course_kit::child::ROLE_ARG)
        .arg(role)
        .args(args)
        .env(
            course_kit::child::PARENT_ENV,
            std::process::id().to_string(),
        );
    let output = course_kit::child::output_with_deadline(&mut command, DEADLINE)
        .unwrap_or_else(|error| panic!("running {exe} as {role}: {error:#}"));
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `part` of the lesson at `exe` with `options`, checks that it succeeded, and
/// compares its output with the recording `LESSON_DIR/output/PART.txt` that the book
/// shows. Options only change numbers, which the comparison sets aside, so a test may
/// run a part with less work than the recorded default.
///
/// With `RECORD_OUTPUT` set, the recording is made from a run with the default
/// settings, as the book shows it (`cargo run -p lesson-NN -- PART`), and the test's
/// checks run on a second run with `options`.
pub fn run_part(exe: &str, lesson_dir: &str, part: &str, options: &[&str]) -> Run {
    let recording = format!("{lesson_dir}/output/{part}.txt");
    let recording_now = std::env::var_os("RECORD_OUTPUT").is_some();
    if recording_now && !options.is_empty() {
        let default = run(exe, &[part]);
        default.assert_success();
        check_recording(&default, &recording);
    }
    let args: Vec<&str> = std::iter::once(part)
        .chain(options.iter().copied())
        .collect();
    let run = run(exe, &args);
    run.assert_success();
    if !recording_now || options.is_empty() {
        check_recording(&run, &recording);
    }
    run
}

/// Declares what a lesson's `tests/run.rs` needs: `LESSON` (the lesson's executable),
/// `DIR` (its folder) and `part(name, options)`, which is [`run_part`] for this lesson.
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
    };
}

/// The promises every lesson's command line keeps, checked on the real executable:
/// `--help` shows the usage; a bad value for the number option `option`, an unknown
/// part, and a child role typed by hand each get one line on stderr and exit code 2.
pub fn check_command_line(exe: &str, package: &str, option: &str) {
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
    // A reader that went away (`| head`) ends the lesson quietly, with no panic.
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
}

impl Run {
    /// Panics (showing everything the run printed) unless it exited with status 0.
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

    /// The duration printed right after `label` (as `[Secs]` prints it: `97.3 ms`,
    /// `1.02 s`, `7.8 µs`), in milliseconds, so that two durations can be compared
    /// whatever units they were printed in.
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
        *self
            .numbers_after(label)
            .first()
            .unwrap_or_else(|| panic!("no number after {label:?} in the output: {self}"))
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\n--- status: {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.status, self.stdout, self.stderr
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

/// A text with every number replaced by `#`, trailing spaces cut, its lines sorted and
/// repeats dropped: what stays the same from run to run. (A line repeated is a count,
/// like a number: a ticker may tick twice in one run and three times in the next.)
pub fn normalize(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(blank_numbers).collect();
    lines.sort();
    lines.dedup();
    lines
}

/// A line with its numbers blanked, and its durations' units too: a run that takes
/// 1.02 s where the recording took 980.0 ms has not changed what it prints.
///
/// Runs of spaces count as one space and rules of dashes as one rule, so that a table
/// whose columns widen for a longer number (`99.1 ms` to `104.2 ms`) is the same table.
fn blank_numbers(line: &str) -> String {
    let blanked = blank_digits(line)
        .replace("# ms", "# s")
        .replace("# µs", "# s");
    let mut out = String::with_capacity(blanked.len());
    for c in blanked.chars() {
        let repeat = out.ends_with(' ') && c == ' ' || out.ends_with("--") && c == '-';
        if !repeat {
            out.push(c);
        }
    }
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

/// Checks that `run` printed what the recording at `path` (shown in the book) says,
/// numbers and line order aside. With `RECORD_OUTPUT` set, writes the recording instead.
pub fn check_recording(run: &Run, path: impl AsRef<Path>) {
    let path = path.as_ref();
    if std::env::var_os("RECORD_OUTPUT").is_some() {
        std::fs::create_dir_all(path.parent().expect("a recording lives in a folder")).unwrap();
        std::fs::write(path, &run.stdout).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read the recording {}: {e}", path.display()));
    let expected = normalize(&recorded);
    let actual = normalize(&run.stdout);
    if expected != actual {
        let only_book: Vec<&String> = expected.iter().filter(|l| !actual.contains(l)).collect();
        let only_run: Vec<&String> = actual.iter().filter(|l| !expected.contains(l)).collect();
        panic!(
            "the lesson no longer prints what the book shows ({}).\n\
             lines only in the book: {only_book:#?}\nlines only in this run: {only_run:#?}\n\
             (counts may differ too: {} lines in the book, {} in the run)\n\
             If the change is on purpose, record again:\n  \
             RECORD_OUTPUT=1 cargo test -p <lesson> --test run -- --test-threads=1{self_run}",
            path.display(),
            expected.len(),
            actual.len(),
            self_run = run,
        );
    }
}

/// Compiles `file` (a path relative to `lesson_dir`) with rustc, expects it to fail, and
/// checks that its `error[E...]` lines are the ones recorded at `recording` (which the book
/// shows). With `RECORD_OUTPUT` set, writes the recording instead.
pub fn check_compile_error(lesson_dir: &str, file: &str, recording: &str) {
    let scratch = std::env::temp_dir().join(format!("course-compile-fail-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc)
        .current_dir(lesson_dir)
        .args([
            "--edition",
            "2024",
            "--color",
            "never",
            "--emit",
            "metadata",
        ])
        .arg("--out-dir")
        .arg(&scratch)
        .arg(file)
        .output()
        .expect("cannot run rustc");
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        !output.status.success(),
        "{file} compiled, but the book says it must not"
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let path = Path::new(lesson_dir).join(recording);
    if std::env::var_os("RECORD_OUTPUT").is_some() {
        std::fs::write(&path, without_toolchain_notes(&stderr)).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the recording {}: {e}", path.display()));
    let errors = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("error["))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        errors(&recorded),
        errors(&stderr),
        "rustc's errors for {file} are no longer the ones the book shows; full output:\n{stderr}"
    );
}

/// rustc's notes that point into the standard library's own source
/// (`--> /rustc/<commit>/library/...`, and `::: /rustc/...` for more places in it)
/// differ with every toolchain and say nothing to a learner: drop them, with the
/// `note:` line that introduces them.
fn without_toolchain_notes(stderr: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for line in stderr.lines() {
        if line.contains("--> /rustc/") || line.contains("::: /rustc/") {
            if kept.last().is_some_and(|l| l.starts_with("note:")) {
                kept.pop();
            }
            continue;
        }
        kept.push(line);
    }
    kept.join("\n") + "\n"
}

/// Shared memory a run may have left in `/dev/shm`.
pub mod shm {
    use std::time::SystemTime;

    use course_kit::shm::owner_pid;

    /// The course's segments in `/dev/shm` whose owner no longer exists, among those created at
    /// or after `since`: what a run that started then has leaked. (Tests use it: a segment made
    /// earlier, by someone else, is not that run's leak.)
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
                owner_pid(name)
                    .is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists())
            })
            .collect()
    }

    /// The names of this course's segments now in `/dev/shm` whose owner has process id `pid`.
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

    #[test]
    fn numbers_and_order_do_not_matter() {
        let a = "took 0.61 s\nthread 3 done\nthread 1 done\n";
        let b = "thread 2 done\ntook 1,204.5 s\nthread 4 done  \n";
        assert_eq!(normalize(a), normalize(b));
    }

    #[test]
    fn duration_units_do_not_matter() {
        assert_eq!(normalize("took 980.0 ms\n"), normalize("took 1.02 s\n"));
        assert_eq!(normalize("took 7.8 µs\n"), normalize("took 1.0 ms\n"));
    }

    #[test]
    fn column_widths_do_not_matter() {
        let narrow = "  threads     time\n  -------  -------\n  1        99.1 ms\n";
        let wide = "  threads      time\n  -------  --------\n  1        104.2 ms\n";
        assert_eq!(normalize(narrow), normalize(wide));
    }

    #[test]
    fn words_do() {
        assert_ne!(normalize("took 1 s\n"), normalize("waited 1 s\n"));
        assert_ne!(normalize("a\nb\n"), normalize("a\n"));
    }

    #[test]
    fn toolchain_paths_are_dropped() {
        let stderr = "error[E0368]: no\n --> a.rs:5:5\nnote: defined here\n --> /rustc/abc/x.rs:1:1\n ::: /rustc/abc/y.rs:2:2\n  |\n";
        assert_eq!(
            without_toolchain_notes(stderr),
            "error[E0368]: no\n --> a.rs:5:5\n  |\n"
        );
    }

    #[test]
    fn first_number_reads_decimals() {
        assert_eq!(first_number(": 1.93x faster"), Some(1.93));
        assert_eq!(first_number("none"), None);
    }
}
