//! `cargo record 01`: records what lesson 01 prints, for the book to show.
//!
//! For every run the lesson declares (each part, and any part the book also
//! shows with other options), it runs the lesson as a reader does, `cargo run
//! -q -p lesson-01 -- PART`, and writes what it printed to
//! `lessons/01-threads/output/PART.txt`. For every listing that must not
//! compile, `compile_fail/NAME.rs`, it writes rustc's messages to
//! `compile_fail/NAME.stderr`. The tests then compare the lesson with these
//! files.
//!
//! `cargo record 01 io` records one part (or one listing); `cargo record --all`
//! records every lesson.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitCode, Output};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use concurrency_course::lessons::{self, LessonDir, show};
use course_kit::cli::Recording;

/// Longer than any part takes; a part that hangs must not hang the recording.
const RUN_DEADLINE: Duration = Duration::from_secs(300);
/// Building a lesson from scratch on a small machine takes a while.
const BUILD_DEADLINE: Duration = Duration::from_secs(1800);

const USAGE: &str = "\
Usage: cargo record LESSON [NAME...]   record a lesson's runs and compile errors
                                       (LESSON is 01, 1 or lesson-01; NAME is a part,
                                       or a listing in compile_fail/)
       cargo record --all              record every lesson";

fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let Ok(args) = args else {
        return usage_error(anyhow::anyhow!("an argument is not valid UTF-8"));
    };
    let lessons = match what_to_record(&args) {
        Ok(Some(lessons)) => lessons,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => return usage_error(error),
    };
    for (lesson, names) in lessons {
        let mut plan = match Plan::of(lesson) {
            Ok(plan) => plan,
            Err(error) => return failure(error),
        };
        if let Err(error) = plan.keep_only(&names) {
            return usage_error(error);
        }
        if let Err(error) = plan.record() {
            return failure(error);
        }
    }
    ExitCode::SUCCESS
}

/// A command line that cannot be used: one line, and exit code 2.
fn usage_error(error: anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    ExitCode::from(2)
}

/// A lesson that would not build, run or compile as it should.
fn failure(error: anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    ExitCode::FAILURE
}

/// Lessons to record, each with the runs and listings asked for (none: all of
/// them).
type Wanted = Vec<(LessonDir, Vec<String>)>;

/// What the command line asks to record, or `None` for `--help`.
fn what_to_record(args: &[String]) -> Result<Option<Wanted>> {
    match args.first().map(String::as_str) {
        None => bail!(
            "name a lesson, e.g. `cargo record 01`, or --all (try --help)"
        ),
        Some("-h" | "--help") => Ok(None),
        Some("--all") if args.len() == 1 => Ok(Some(
            lessons::all()?
                .into_iter()
                .map(|lesson| (lesson, Vec::new()))
                .collect(),
        )),
        Some("--all") => {
            bail!("--all records whole lessons: name no parts with it")
        }
        Some(flag) if flag.starts_with('-') => {
            bail!("unknown flag '{flag}' (try --help)")
        }
        Some(lesson) => {
            let names = args[1..].to_vec();
            if let Some(flag) = names.iter().find(|n| n.starts_with('-')) {
                bail!("unknown flag '{flag}' (try --help)");
            }
            Ok(Some(vec![(lessons::find(lesson)?, names)]))
        }
    }
}

/// What to record of one lesson: the runs it declares, and its listings.
struct Plan {
    lesson: LessonDir,
    recordings: Vec<Recording>,
    listings: Vec<String>,
}

impl Plan {
    /// Everything there is to record of `lesson` (which this builds, to ask
    /// it).
    fn of(lesson: LessonDir) -> Result<Self> {
        build(&lesson)?;
        Ok(Self {
            recordings: recordings(&lesson)?,
            listings: course_test::listings(&lesson.dir),
            lesson,
        })
    }

    /// Keeps the runs and listings called `names`; all of them if there are
    /// none.
    fn keep_only(&mut self, names: &[String]) -> Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        for name in names {
            let known = self.recordings.iter().any(|r| r.name == *name)
                || self.listings.contains(name);
            ensure!(
                known,
                "{} has no part and no compile_fail listing named '{name}' (try cargo run -p {} -- --list)",
                self.lesson.package,
                self.lesson.package
            );
        }
        self.recordings.retain(|r| names.contains(&r.name));
        self.listings.retain(|l| names.contains(l));
        Ok(())
    }

    fn record(&self) -> Result<()> {
        for recording in &self.recordings {
            record_run(&self.lesson, recording)?;
        }
        for listing in &self.listings {
            record_compile_error(&self.lesson, listing)?;
        }
        Ok(())
    }
}

/// Records one run the book shows: what `cargo run -q -p lesson-NN -- ARGS`
/// prints goes to `output/NAME.txt`.
fn record_run(lesson: &LessonDir, recording: &Recording) -> Result<()> {
    let started = Instant::now();
    let picture = picture_of(lesson, recording);
    let mut args = recording.args.clone();
    if let Some(picture) = &picture {
        // The lesson writes the picture only if the part records spans: a stale
        // one from an earlier version of the part must not stay behind.
        let _ = std::fs::remove_file(picture);
        args.push(format!("--svg={}", picture.display()));
    }
    let output = run_lesson(lesson, &args, RUN_DEADLINE)?;
    if let Some(picture) = picture.filter(|p| p.exists()) {
        println!("{}", show(&picture));
    }
    let path = lesson
        .dir
        .join("output")
        .join(format!("{}.txt", recording.name));
    write(&path, &String::from_utf8_lossy(&output.stdout))?;
    println!(
        "{}  ({} -- {}, {:.1} s)",
        show(&path),
        lesson.package,
        recording.args.join(" "),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Where a part's recorded timeline goes, `output/PART.svg`, beside its text; a
/// part run with other options than its defaults (`also_recorded_as`) has none.
fn picture_of(
    lesson: &LessonDir,
    recording: &Recording,
) -> Option<std::path::PathBuf> {
    let primary =
        recording.args.len() == 1 && recording.args[0] == recording.name;
    primary.then(|| {
        lesson
            .dir
            .join("output")
            .join(format!("{}.svg", recording.name))
    })
}

/// Records what rustc says about `compile_fail/NAME.rs`, compiled as the tests
/// compile it, to `compile_fail/NAME.stderr`.
fn record_compile_error(lesson: &LessonDir, listing: &str) -> Result<()> {
    let stderr = course_test::compile_listing(&lesson.dir, listing)
        .map_err(anyhow::Error::msg)?;
    ensure!(
        course_test::first_error(&stderr).is_some(),
        "rustc gave no error line for compile_fail/{listing}.rs:\n{stderr}"
    );
    let path = lesson
        .dir
        .join("compile_fail")
        .join(format!("{listing}.stderr"));
    write(&path, &course_test::stderr_for_the_book(&stderr))?;
    println!("{}", show(&path));
    Ok(())
}

/// Builds the lesson (its binary, and its library and dependencies, which the
/// listings are compiled against).
fn build(lesson: &LessonDir) -> Result<()> {
    let mut command = cargo();
    command.args(["build", "--quiet", "--package", &lesson.package]);
    let output = finish(&mut command, BUILD_DEADLINE)?;
    ensure!(
        output.status.success(),
        "the build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

/// The runs the lesson declares, from its hidden `--recordings` flag.
fn recordings(lesson: &LessonDir) -> Result<Vec<Recording>> {
    let output =
        run_lesson(lesson, &["--recordings".to_string()], RUN_DEADLINE)?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            Recording::parse(line)
                .with_context(|| format!("--recordings printed {line:?}"))
        })
        .collect()
}

/// Runs the lesson as a reader does, `cargo run -q -p lesson-NN -- ARGS`,
/// without `RUST_BACKTRACE` (a backtrace would differ on every machine), and
/// fails if it fails or takes longer than `deadline`.
fn run_lesson(
    lesson: &LessonDir,
    args: &[String],
    deadline: Duration,
) -> Result<Output> {
    let mut command = cargo();
    command
        .args(["run", "--quiet", "--package", &lesson.package, "--"])
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    let output = finish(&mut command, deadline)?;
    ensure!(
        output.status.success(),
        "`cargo run -p {} -- {}` failed ({}):\n{}",
        lesson.package,
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(output)
}

fn cargo() -> Command {
    let mut command =
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(lessons::root());
    command
}

/// Runs `command` to the end, in a process group of its own so that the lesson
/// cargo starts is killed with it if the deadline passes.
fn finish(command: &mut Command, deadline: Duration) -> Result<Output> {
    command.process_group(0);
    course_kit::child::output_with_deadline(command, deadline)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text)
        .with_context(|| format!("writing {}", show(path)))
}
