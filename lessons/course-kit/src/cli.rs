//! The runner behind every lesson's `main.rs`.
//!
//! A lesson is a list of *parts*, each one idea, run in order. The learner can
//! run them all (`cargo run -p lesson-01`), one or a few by name (`cargo run -p
//! lesson-01 -- io`), list them (`--list`), or change a number the lesson uses
//! (`--work-ms=200`). Lessons that start child processes also register *roles*:
//! see [`crate::child`].
//!
//! The book shows a recorded run of every part (`output/PART.txt`), and tests
//! compare the lesson with it. What may change from one run to the next beyond
//! the numbers is declared here, next to the part: see
//! [`Lesson::lines_in_any_order`] and [`Lesson::repeats_vary`]. The hidden flag
//! `--recordings` prints the list for `cargo record` and the tests (see
//! [`Recording`]).

use std::ffi::OsString;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::{child, timeline};

/// What a part runs: it narrates on stdout and returns an error if something
/// went wrong.
pub type PartFn = fn(&Args) -> anyhow::Result<()>;
/// What a child process runs, given the arguments its parent passed.
pub type RoleFn = fn(&[String]) -> anyhow::Result<()>;

struct Part {
    name: &'static str,
    about: &'static str,
    run: PartFn,
    lines: Lines,
    /// More runs of this part that the book shows: a name and the options they
    /// use.
    also: Vec<(&'static str, &'static [&'static str])>,
}

/// How the lines a part prints may change from one run to the next, beyond
/// their numbers: what a test that compares a run with its recording has to
/// allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lines {
    /// The same lines in the same order, every run (most parts).
    #[default]
    InOrder,
    /// The same lines, but threads or processes print them in a different order
    /// on each run. Each line still appears as often as in the recording.
    AnyOrder,
    /// The same lines in the same order, but a line may come a different number
    /// of times in a row on each run (a ticker that ticks twice, or three
    /// times, before it is stopped): a run of equal lines counts as one.
    RepeatsVary,
}

impl Lines {
    /// The word `--recordings` prints for it.
    pub fn word(self) -> &'static str {
        match self {
            Lines::InOrder => "in-order",
            Lines::AnyOrder => "any-order",
            Lines::RepeatsVary => "repeats-vary",
        }
    }

    fn from_word(word: &str) -> Option<Self> {
        [Lines::InOrder, Lines::AnyOrder, Lines::RepeatsVary]
            .into_iter()
            .find(|lines| lines.word() == word)
    }
}

/// A run that the book shows: `output/NAME.txt` holds what `cargo run -p
/// lesson-NN -- ARGS` printed. Every part has one, named after it; a part may
/// have more, with other options ([`Lesson::also_recorded_as`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    /// The file's name in `output/`, without `.txt`.
    pub name: String,
    /// The lesson's arguments: the part's name, then any options.
    pub args: Vec<String>,
    /// What may change between two runs besides the numbers.
    pub lines: Lines,
}

impl Recording {
    /// Reads one line that `--recordings` printed: `NAME LINES ARG...`.
    pub fn parse(line: &str) -> Option<Self> {
        let mut words = line.split_whitespace();
        let name = words.next()?.to_string();
        let lines = Lines::from_word(words.next()?)?;
        let args: Vec<String> = words.map(str::to_string).collect();
        (!args.is_empty()).then_some(Self { name, args, lines })
    }
}

impl std::fmt::Display for Recording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.name,
            self.lines.word(),
            self.args.join(" ")
        )
    }
}

struct NumberOption {
    name: &'static str,
    default: u64,
    range: RangeInclusive<u64>,
    about: &'static str,
}

struct Role {
    name: &'static str,
    run: RoleFn,
}

/// A lesson: its name, its parts, the numbers a learner may change, and its
/// child roles.
pub struct Lesson {
    package: &'static str,
    title: &'static str,
    parts: Vec<Part>,
    options: Vec<NumberOption>,
    roles: Vec<Role>,
}

/// The option values a part runs with (the defaults, or what the learner
/// typed).
#[derive(Debug, Clone)]
pub struct Args {
    values: Vec<(&'static str, u64)>,
    /// `--svg FILE`, and whether the part drew its own picture there.
    svg: Option<PathBuf>,
    drew_svg: Arc<AtomicBool>,
}

impl Args {
    /// The value of a number option the lesson declared with
    /// [`Lesson::option`].
    ///
    /// # Panics
    /// If the lesson never declared `name`: that is a bug in the lesson, not a
    /// user error.
    pub fn get(&self, name: &str) -> u64 {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| {
                panic!("the lesson reads option --{name} but never declared it")
            })
    }

    /// A number option read as milliseconds.
    pub fn millis(&self, name: &str) -> Duration {
        Duration::from_millis(self.get(name))
    }

    /// For a part that draws its own picture (a chart, not a timeline): writes
    /// `svg` to the file `--svg FILE` names, if it names one, and returns
    /// whether it did. The runner then draws no timeline for this part.
    pub fn write_svg(&self, svg: &str) -> std::io::Result<bool> {
        let Some(path) = &self.svg else {
            return Ok(false);
        };
        std::fs::write(path, svg)?;
        self.drew_svg.store(true, Ordering::Relaxed);
        Ok(true)
    }
}

/// Why the command line could not be used; printed as one line, then the
/// process exits with 2.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// What the command line asked for.
#[derive(Debug)]
pub enum Command {
    Help,
    List,
    /// The hidden `--recordings`: one [`Recording`] a line.
    Recordings,
    /// The hidden `--options`: `NAME MIN MAX DEFAULT`, one option a line, for
    /// the test that tries every option at and past its bounds.
    Options,
    Run {
        parts: Vec<usize>,
        args: Args,
        pictures: Pictures,
    },
    Role {
        index: usize,
        args: Vec<String>,
    },
}

/// Where to write what the parts recorded (see [`crate::timeline`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pictures {
    /// `--trace FILE`: every part's spans in the Chrome trace-event format.
    pub trace: Option<PathBuf>,
    /// `--svg FILE`: the one part's timeline as an SVG picture (or the chart a
    /// part draws itself, see [`Args::write_svg`]).
    pub svg: Option<PathBuf>,
}

impl Lesson {
    pub fn new(package: &'static str, title: &'static str) -> Self {
        Self {
            package,
            title,
            parts: Vec::new(),
            options: Vec::new(),
            roles: Vec::new(),
        }
    }

    /// Adds a part; parts run in the order they are added.
    pub fn part(
        mut self,
        name: &'static str,
        about: &'static str,
        run: PartFn,
    ) -> Self {
        self.parts.push(Part {
            name,
            about,
            run,
            lines: Lines::InOrder,
            also: Vec::new(),
        });
        self
    }

    /// Says that the part just added prints its lines in an order that changes
    /// from run to run (threads or processes printing as they go), so a test
    /// compares a run with the recording without regard to order. Every line
    /// must still be there as often as in the recording.
    pub fn lines_in_any_order(mut self) -> Self {
        self.last_part("lines_in_any_order").lines = Lines::AnyOrder;
        self
    }

    /// Says that the part just added prints some line a number of times in a
    /// row that changes from run to run (a ticker stopped after two ticks, or
    /// three), so a test counts a run of equal lines as one. Everything else
    /// stays in order.
    pub fn repeats_vary(mut self) -> Self {
        self.last_part("repeats_vary").lines = Lines::RepeatsVary;
        self
    }

    /// Says that the book also shows the part just added run with `options`,
    /// recorded in `output/NAME.txt`.
    pub fn also_recorded_as(
        mut self,
        name: &'static str,
        options: &'static [&'static str],
    ) -> Self {
        self.last_part("also_recorded_as")
            .also
            .push((name, options));
        self
    }

    fn last_part(&mut self, method: &str) -> &mut Part {
        self.parts.last_mut().unwrap_or_else(|| {
            panic!("{method} describes the part before it: add a part first")
        })
    }

    /// Every run the book shows, in the order of the parts.
    pub fn recordings(&self) -> Vec<Recording> {
        let mut recordings = Vec::new();
        for part in &self.parts {
            let runs = std::iter::once((part.name, &[][..]))
                .chain(part.also.iter().copied());
            for (name, options) in runs {
                recordings.push(Recording {
                    name: name.to_string(),
                    args: std::iter::once(part.name)
                        .chain(options.iter().copied())
                        .map(str::to_string)
                        .collect(),
                    lines: part.lines,
                });
            }
        }
        recordings
    }

    /// Declares a number the learner may change with `--name=N`, within
    /// `range`: a range in which the lesson finishes in seconds and fits in
    /// memory. A value outside it is refused before any part runs.
    ///
    /// # Panics
    /// If `default` is outside `range`: a bug in the lesson, not a user error.
    pub fn option(
        mut self,
        name: &'static str,
        default: u64,
        range: RangeInclusive<u64>,
        about: &'static str,
    ) -> Self {
        assert!(
            range.contains(&default),
            "--{name}: the default {default} is outside {range:?}"
        );
        self.options.push(NumberOption {
            name,
            default,
            range,
            about,
        });
        self
    }

    /// Declares a role that this program plays when it starts itself as a child
    /// process.
    pub fn role(mut self, name: &'static str, run: RoleFn) -> Self {
        self.roles.push(Role { name, run });
        self
    }

    /// Reads the command line, runs what it asks for, and turns the outcome
    /// into an exit code.
    pub fn run(self) -> ExitCode {
        end_quietly_on_a_closed_pipe();
        let parsed = utf8_arguments(std::env::args_os().skip(1))
            .and_then(|argv| self.parse(&argv));
        match parsed {
            Err(UsageError(message)) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
            Ok(Command::Help) => {
                print!("{}", self.help());
                ExitCode::SUCCESS
            }
            Ok(Command::List) => {
                for part in &self.parts {
                    println!("{:<14} {}", part.name, part.about);
                }
                ExitCode::SUCCESS
            }
            Ok(Command::Recordings) => {
                for recording in self.recordings() {
                    println!("{recording}");
                }
                ExitCode::SUCCESS
            }
            Ok(Command::Options) => {
                for option in &self.options {
                    let (min, max) = (option.range.start(), option.range.end());
                    println!("{} {min} {max} {}", option.name, option.default);
                }
                ExitCode::SUCCESS
            }
            Ok(Command::Role { index, args }) => {
                let role = &self.roles[index];
                report((role.run)(&args))
            }
            Ok(Command::Run {
                parts,
                args,
                pictures,
            }) => self.run_parts(&parts, &args, &pictures),
        }
    }

    /// Runs `parts` in order, recording each one's timeline, and writes the
    /// pictures the command line asked for.
    fn run_parts(
        &self,
        parts: &[usize],
        args: &Args,
        pictures: &Pictures,
    ) -> ExitCode {
        // COURSE_NO_TIMELINE=1 runs with no recorder, to measure what recording
        // costs.
        if std::env::var_os("COURSE_NO_TIMELINE").is_none() {
            timeline::install();
        }
        let whole_lesson = parts.len() == self.parts.len();
        if whole_lesson {
            println!("{}: {}", self.package, self.title);
        }
        let mut recorded = Vec::new();
        for (nth, &index) in parts.iter().enumerate() {
            let part = &self.parts[index];
            if whole_lesson || nth > 0 {
                println!();
            }
            println!("=== {}: {} ===", part.name, part.about);
            timeline::restart();
            if let Err(error) = (part.run)(args) {
                eprintln!("error in part '{}': {error:#}", part.name);
                return ExitCode::FAILURE;
            }
            recorded.push((part.name.to_string(), timeline::recorded()));
        }
        let mut written = Ok(());
        let part_drew_it = args.drew_svg.load(Ordering::Relaxed);
        if let (Some(path), Some((name, timeline)), false) =
            (&pictures.svg, recorded.first(), part_drew_it)
        {
            written = if timeline.spans.is_empty() {
                eprintln!(
                    "part {name} records no spans: no picture written to {}",
                    path.display()
                );
                Ok(())
            } else {
                let title =
                    format!("{} {name}: a timeline of this run", self.package);
                std::fs::write(path, timeline.svg(&title))
                    .map_err(|e| (path, e))
            };
        }
        if let (Ok(()), Some(path)) = (&written, &pictures.trace) {
            written = std::fs::write(path, timeline::chrome_trace(&recorded))
                .map_err(|e| (path, e));
        }
        match written {
            Ok(()) => ExitCode::SUCCESS,
            Err((path, error)) => {
                eprintln!("error: cannot write {}: {error}", path.display());
                ExitCode::FAILURE
            }
        }
    }

    /// Turns the arguments into a [`Command`], or says in one line what is
    /// wrong with them.
    pub fn parse(&self, argv: &[String]) -> Result<Command, UsageError> {
        if argv.first().map(String::as_str) == Some(child::ROLE_ARG) {
            return self.parse_role(&argv[1..]);
        }
        let mut values: Vec<(&'static str, u64)> =
            self.options.iter().map(|o| (o.name, o.default)).collect();
        let mut parts = Vec::new();
        let mut pictures = Pictures::default();
        let mut rest = argv.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--list" => return Ok(Command::List),
                // Not in --help: it is for `cargo record` and the tests, not
                // for readers.
                "--recordings" => return Ok(Command::Recordings),
                "--options" => return Ok(Command::Options),
                flag if file_option(flag).is_some() => {
                    let (name, inline) =
                        file_option(flag).expect("matched above");
                    let Some(path) =
                        inline.or_else(|| rest.next().map(String::as_str))
                    else {
                        return Err(UsageError(format!(
                            "--{name} needs a file name, e.g. --{name}=run.{}",
                            if name == "svg" { "svg" } else { "json" }
                        )));
                    };
                    if path.is_empty() || path.starts_with('-') {
                        return Err(UsageError(format!(
                            "--{name} needs a file name, not '{path}'"
                        )));
                    }
                    let slot = if name == "svg" {
                        &mut pictures.svg
                    } else {
                        &mut pictures.trace
                    };
                    *slot = Some(PathBuf::from(path));
                }
                flag if flag.starts_with("--") => {
                    let (name, inline) = match flag[2..].split_once('=') {
                        Some((name, value)) => (name, Some(value.to_string())),
                        None => (&flag[2..], None),
                    };
                    let Some(option) =
                        self.options.iter().find(|o| o.name == name)
                    else {
                        return Err(UsageError(format!(
                            "unknown option '--{name}' (try --help)"
                        )));
                    };
                    let (from, to) = (option.range.start(), option.range.end());
                    let slot = values
                        .iter_mut()
                        .find(|(n, _)| *n == name)
                        .expect("every option has a value");
                    let Some(text) = inline.or_else(|| rest.next().cloned())
                    else {
                        return Err(UsageError(format!(
                            "--{name} needs a whole number from {from} to {to}, e.g. --{name}={}",
                            option.default
                        )));
                    };
                    let value = text
                        .parse::<u64>()
                        .ok()
                        .filter(|value| option.range.contains(value));
                    let Some(value) = value else {
                        return Err(UsageError(format!(
                            "--{name} needs a whole number from {from} to {to}, not '{text}'"
                        )));
                    };
                    slot.1 = value;
                }
                flag if flag.starts_with('-') => {
                    return Err(UsageError(format!(
                        "unknown flag '{flag}' (try --help)"
                    )));
                }
                name => match self.parts.iter().position(|p| p.name == name) {
                    Some(index) => parts.push(index),
                    None => {
                        return Err(UsageError(format!(
                            "{} has no part named '{name}' (try --list)",
                            self.package
                        )));
                    }
                },
            }
        }
        if pictures.svg.is_some() && parts.len() != 1 {
            return Err(UsageError(
                "--svg draws one part: name it, e.g. `io --svg io.svg` (try --list)".into(),
            ));
        }
        if parts.is_empty() {
            parts = (0..self.parts.len()).collect();
        }
        Ok(Command::Run {
            parts,
            args: Args {
                values,
                svg: pictures.svg.clone(),
                drew_svg: Arc::default(),
            },
            pictures,
        })
    }

    fn parse_role(&self, argv: &[String]) -> Result<Command, UsageError> {
        if std::env::var_os(child::PARENT_ENV).is_none() {
            return Err(UsageError(format!(
                "{} is how this lesson starts its own child processes; \
                 run `cargo run -p {}` instead",
                child::ROLE_ARG,
                self.package
            )));
        }
        let Some(name) = argv.first() else {
            return Err(UsageError(format!(
                "{} needs a role name",
                child::ROLE_ARG
            )));
        };
        match self.roles.iter().position(|r| r.name == name) {
            Some(index) => Ok(Command::Role {
                index,
                args: argv[1..].to_vec(),
            }),
            None => Err(UsageError(format!(
                "{} has no child role named '{name}'",
                self.package
            ))),
        }
    }

    /// The text `--help` prints.
    pub fn help(&self) -> String {
        let mut text = format!(
            "{}: {}\n\nUsage: cargo run -p {} -- [PART...] [--OPTION=N...]\n\n\
             With no PART, every part runs in this order:\n",
            self.package, self.title, self.package
        );
        for part in &self.parts {
            text.push_str(&format!("  {:<14} {}\n", part.name, part.about));
        }
        if !self.options.is_empty() {
            text.push_str("\nOptions:\n");
            for option in &self.options {
                let flag = format!("--{}=N", option.name);
                text.push_str(&format!(
                    "  {flag:<20} {}\n  {:<20} from {} to {}; default {}\n",
                    option.about,
                    "",
                    option.range.start(),
                    option.range.end(),
                    option.default
                ));
            }
        }
        text.push_str(
            "\nPictures of your own run (see the book's \"How this course works\"):\n\
             \x20 --svg=FILE           draw the one PART's timeline (or chart) as SVG\n\
             \x20 --trace=FILE         write the spans in the Chrome trace format, for\n\
             \x20                      Perfetto (ui.perfetto.dev) or chrome://tracing\n\n",
        );
        text.push_str("  --list               list the parts and exit\n");
        text.push_str("  -h, --help           print this help and exit\n");
        text
    }
}

/// `cargo run -p lesson-01 | head` closes the pipe after a few lines. Rust
/// ignores SIGPIPE, so the next `println!` panics ("failed printing to stdout:
/// Broken pipe"), on every thread still printing. A command-line tool should
/// just stop, as `cat` does: this hook ends the process with SIGPIPE's default
/// action instead, and leaves every other panic to the hook that was there
/// before.
fn end_quietly_on_a_closed_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = crate::panics::message(info.payload());
        if message.starts_with("failed printing to stdout")
            && message.contains("Broken pipe")
        {
            child::end_as_by(signal_hook::consts::SIGPIPE);
        }
        previous(info);
    }));
}

/// `--svg=FILE`, `--svg`, `--trace=...`: the option's name and the file if
/// given inline.
fn file_option(flag: &str) -> Option<(&'static str, Option<&str>)> {
    for name in ["svg", "trace"] {
        if let Some(rest) =
            flag.strip_prefix("--").and_then(|f| f.strip_prefix(name))
        {
            if rest.is_empty() {
                return Some((name, None));
            }
            if let Some(path) = rest.strip_prefix('=') {
                return Some((name, Some(path)));
            }
        }
    }
    None
}

/// The arguments as text, or a usage error naming the first that is not UTF-8
/// (`std::env::args` would panic on it).
fn utf8_arguments(
    args: impl Iterator<Item = OsString>,
) -> Result<Vec<String>, UsageError> {
    args.enumerate()
        .map(|(n, arg)| {
            arg.into_string().map_err(|arg| {
                UsageError(format!(
                    "argument {} is not valid UTF-8: {}",
                    n + 1,
                    arg.to_string_lossy()
                ))
            })
        })
        .collect()
}

/// How a child role ended. A role whose reader went away (its parent died,
/// or the parent's own reader did, as with `| head`) ends as SIGPIPE would
/// end it, quietly: nobody is left to read an error, and its parent, if any,
/// ends as quietly (`child::ended_well`).
fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if reader_gone(&error) => {
            child::end_as_by(signal_hook::consts::SIGPIPE)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `error` was caused by writing to a pipe nobody reads any more.
fn reader_gone(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson() -> Lesson {
        Lesson::new("lesson-xx", "Test")
            .part("first", "the first part", |_| Ok(()))
            .part("second", "the second part", |_| Ok(()))
            .option("work-ms", 300, 1..=1000, "how long each task works")
    }

    fn parse(args: &[&str]) -> Result<Command, UsageError> {
        let argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        lesson().parse(&argv)
    }

    #[test]
    fn no_arguments_runs_every_part_with_defaults() {
        let Ok(Command::Run { parts, args, .. }) = parse(&[]) else {
            panic!("expected a run")
        };
        assert_eq!(parts, vec![0, 1]);
        assert_eq!(args.get("work-ms"), 300);
    }

    #[test]
    fn parts_and_options_are_read_in_both_spellings() {
        for argv in [
            &["second", "--work-ms=5"][..],
            &["second", "--work-ms", "5"],
        ] {
            let Ok(Command::Run { parts, args, .. }) = parse(argv) else {
                panic!("expected a run")
            };
            assert_eq!(parts, vec![1]);
            assert_eq!(args.get("work-ms"), 5);
        }
    }

    #[test]
    fn mistakes_get_one_clear_line() {
        let unknown_part = parse(&["third"]).unwrap_err();
        assert!(
            unknown_part.0.contains("no part named 'third'"),
            "{unknown_part:?}"
        );
        let bad_number = parse(&["--work-ms=fast"]).unwrap_err();
        assert!(bad_number.0.contains("whole number"), "{bad_number:?}");
        let unknown_flag = parse(&["--fast"]).unwrap_err();
        assert!(
            unknown_flag.0.contains("unknown option"),
            "{unknown_flag:?}"
        );
        let missing = parse(&["--work-ms"]).unwrap_err();
        assert!(missing.0.contains("from 1 to 1000"), "{missing:?}");
        for outside in ["0", "1001", "18446744073709551616", "", "-1", "1e3"] {
            let error = parse(&[&format!("--work-ms={outside}")]).unwrap_err();
            assert_eq!(
                error.0,
                format!(
                    "--work-ms needs a whole number from 1 to 1000, not '{outside}'"
                )
            );
        }
    }

    #[test]
    fn pictures_are_asked_for_by_file_name() {
        let Ok(Command::Run { pictures, .. }) =
            parse(&["first", "--svg=io.svg", "--trace", "t.json"])
        else {
            panic!("expected a run")
        };
        assert_eq!(pictures.svg, Some(PathBuf::from("io.svg")));
        let Ok(Command::Run { args, .. }) = parse(&["first", "--svg=io.svg"])
        else {
            panic!("expected a run")
        };
        assert_eq!(args.svg.as_deref(), Some(std::path::Path::new("io.svg")));
        assert_eq!(pictures.trace, Some(PathBuf::from("t.json")));
        let two_parts = parse(&["first", "second", "--svg=x.svg"]).unwrap_err();
        assert!(two_parts.0.contains("draws one part"), "{two_parts:?}");
        let no_file = parse(&["first", "--trace"]).unwrap_err();
        assert!(no_file.0.contains("needs a file name"), "{no_file:?}");
    }

    #[test]
    fn an_argument_that_is_not_utf8_is_a_usage_error() {
        use std::os::unix::ffi::OsStringExt;
        let bad = vec![OsString::from("io"), OsString::from_vec(vec![0xff])];
        let error = utf8_arguments(bad.into_iter()).unwrap_err();
        assert!(
            error.0.contains("argument 2 is not valid UTF-8"),
            "{error:?}"
        );
    }

    #[test]
    fn recordings_say_how_each_part_may_change() {
        let lesson = lesson()
            .lines_in_any_order()
            .also_recorded_as("slow", &["--work-ms=900"])
            .part("third", "the third part", |_| Ok(()))
            .repeats_vary();
        let lines: Vec<String> =
            lesson.recordings().iter().map(|r| r.to_string()).collect();
        assert_eq!(
            lines,
            [
                "first in-order first",
                "second any-order second",
                "slow any-order second --work-ms=900",
                "third repeats-vary third",
            ]
        );
        for line in &lines {
            assert_eq!(Recording::parse(line).unwrap().to_string(), *line);
        }
        assert!(matches!(parse(&["--recordings"]), Ok(Command::Recordings)));
        assert!(!lesson.help().contains("--recordings"), "a hidden flag");
    }

    #[test]
    fn a_role_typed_by_hand_is_refused() {
        // The test runner never sets the parent marker, so this looks like a
        // person typing it.
        let error = parse(&[child::ROLE_ARG, "anything"]).unwrap_err();
        assert!(
            error.0.contains("run `cargo run -p lesson-xx`"),
            "{error:?}"
        );
    }

    #[test]
    fn a_broken_pipe_anywhere_in_the_chain_means_the_reader_is_gone() {
        use anyhow::Context;
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let wrapped: anyhow::Result<()> =
            Err(pipe).context("cannot send the result");
        assert!(reader_gone(&wrapped.unwrap_err()));
        let other = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(!reader_gone(&anyhow::Error::from(other)));
        assert!(!reader_gone(&anyhow::anyhow!("Broken pipe, said in words")));
    }
}
