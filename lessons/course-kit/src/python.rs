//! Measuring Python beside Rust, in the same run: a lesson ships a Python
//! script that does the same work as one of its parts
//! (`lessons/NN-topic/python/NAME.py`), and the part runs it with `python3`
//! when there is one on the `PATH`.
//!
//! The script prints what it measured as `key=value` lines, one a line
//! (`threads.seconds=0.0831`); [`Results`] reads them. Without `python3`, the
//! part prints [`NOT_FOUND`] and shows its Rust rows only.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use std::time::Duration;
//! use course_kit::python::{self, Python};
//!
//! match Python::find() {
//!     None => println!("{}", python::NOT_FOUND),
//!     Some(python) => {
//!         let dir = env!("CARGO_MANIFEST_DIR");
//!         let script = python::script(dir, "count_primes.py");
//!         let limit = Duration::from_secs(10);
//!         let results = python.run(&script, &["--limit=20000"], limit)?;
//!         println!("{}: {:?}", python.version, results.seconds("threads.1")?);
//!     }
//! }
//! # Ok(())
//! # }
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};

use crate::child;

/// The one line a part prints when it cannot measure Python.
pub const NOT_FOUND: &str =
    "Python: not found on this PATH; showing the Rust rows only";

/// The program looked for on the `PATH`.
const PROGRAM: &str = "python3";

/// A Python interpreter found on the `PATH`.
#[derive(Debug, Clone)]
pub struct Python {
    /// What `python3 --version` printed: `Python 3.11.7`.
    pub version: String,
}

impl Python {
    /// `python3` from the `PATH`, if it is there and says which version it is
    /// within a few seconds.
    pub fn find() -> Option<Self> {
        let output = child::output_with_deadline(
            Command::new(PROGRAM).arg("--version"),
            Duration::from_secs(10),
        )
        .ok()?;
        // Python 3.4 and later print the version on stdout; older ones on
        // stderr.
        let printed = [output.stdout, output.stderr].concat();
        let version = String::from_utf8_lossy(&printed).trim().to_string();
        (output.status.success() && version.starts_with("Python 3"))
            .then_some(Self { version })
    }

    /// Runs `script` with `args`, and reads the `key=value` lines it prints. A
    /// script still running after `deadline` is killed, with any processes it
    /// started (it runs in a process group of its own), and that is an error,
    /// as is a script that fails: its last lines of stderr say why.
    pub fn run(
        &self,
        script: &Path,
        args: &[&str],
        deadline: Duration,
    ) -> Result<Results> {
        ensure!(script.is_file(), "no Python script at {}", script.display());
        let mut command = Command::new(PROGRAM);
        // -B: write no __pycache__ next to the lesson's scripts.
        command.arg("-B").arg(script).args(args);
        // Its own group, so that a deadline kills the worker processes it
        // started too; and dead with this thread if the lesson itself is
        // killed.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        child::dies_with_parent(&mut command);
        let name = script.file_name().unwrap_or_default().to_string_lossy();
        let output = child::output_with_deadline(&mut command, deadline)
            .with_context(|| format!("running {name}"))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last: Vec<&str> = stderr.lines().rev().take(5).collect();
            let last: Vec<&str> = last.into_iter().rev().collect();
            bail!("{name} failed ({}):\n{}", output.status, last.join("\n"));
        }
        Results::parse(&String::from_utf8_lossy(&output.stdout))
            .with_context(|| format!("reading what {name} printed"))
    }
}

/// Where a lesson keeps its script `name`: `python/` in the lesson's folder
/// (pass `env!("CARGO_MANIFEST_DIR")`).
pub fn script(lesson_dir: &str, name: &str) -> PathBuf {
    Path::new(lesson_dir).join("python").join(name)
}

/// The `key=value` lines a script printed, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pairs: Vec<(String, String)>,
}

impl Results {
    /// Reads `key=value` lines. Blank lines are skipped; any other line is an
    /// error, so that a stray `print` in a script is noticed, not misread.
    pub fn parse(text: &str) -> Result<Self> {
        let mut pairs = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                bail!("line {} is not key=value: {line:?}", n + 1);
            };
            let (key, value) = (key.trim(), value.trim());
            ensure!(!key.is_empty(), "line {} has no key: {line:?}", n + 1);
            pairs.push((key.to_string(), value.to_string()));
        }
        Ok(Self { pairs })
    }

    /// The value of `key` (the last one, if the script printed it twice).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `key` read as a number of type `T`.
    pub fn number<T: std::str::FromStr>(&self, key: &str) -> Result<T> {
        let Some(text) = self.get(key) else {
            bail!("the script printed no {key}=");
        };
        text.parse().map_err(|_| {
            anyhow::anyhow!("{key}={text} is not a number of the kind expected")
        })
    }

    /// The value of `key`, a number of seconds, as a `Duration`.
    pub fn seconds(&self, key: &str) -> Result<Duration> {
        let seconds: f64 = self.number(key)?;
        ensure!(
            seconds.is_finite() && seconds >= 0.0,
            "{key}={seconds} is not a duration"
        );
        Ok(Duration::from_secs_f64(seconds))
    }

    /// Every key, in the order printed.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_lines_are_read_and_anything_else_refused() {
        let results =
            Results::parse("threads.1=0.25\n\nprimes = 17984\nthreads.1=0.5\n")
                .unwrap();
        assert_eq!(results.get("primes"), Some("17984"));
        assert_eq!(results.number::<u64>("primes").unwrap(), 17984);
        assert_eq!(
            results.seconds("threads.1").unwrap(),
            Duration::from_millis(500),
            "the last value counts"
        );
        assert_eq!(results.keys().count(), 3);
        let missing = results.seconds("processes.1").unwrap_err().to_string();
        assert!(missing.contains("printed no processes.1="), "{missing}");
        let stray = Results::parse("a=1\nhello\n").unwrap_err().to_string();
        assert!(stray.contains("line 2 is not key=value"), "{stray}");
        assert!(Results::parse("=3\n").is_err());
        let words = Results::parse("t=soon\n").unwrap();
        assert!(words.seconds("t").is_err());
        assert!(Results::parse("t=-1\n").unwrap().seconds("t").is_err());
    }

    /// A script in a temporary folder, removed when the test ends.
    struct Script(PathBuf);

    impl Script {
        fn new(name: &str, text: &str) -> Self {
            let dir = std::env::temp_dir().join(format!(
                "course-kit-python-{}-{name}",
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("{name}.py"));
            std::fs::write(&path, text).unwrap();
            Self(path)
        }
    }

    impl Drop for Script {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
        }
    }

    #[test]
    fn a_script_runs_and_its_results_are_read() {
        let Some(python) = Python::find() else {
            eprintln!("{NOT_FOUND}: this test checks nothing here");
            return;
        };
        assert!(python.version.starts_with("Python 3."), "{python:?}");
        let script = Script::new(
            "echo",
            "import sys\nprint('args=' + ' '.join(sys.argv[1:]))\nprint('took=0.125')\n",
        );
        let results = python
            .run(&script.0, &["--limit=20", "x"], Duration::from_secs(20))
            .unwrap();
        assert_eq!(results.get("args"), Some("--limit=20 x"));
        assert_eq!(
            results.seconds("took").unwrap(),
            Duration::from_millis(125)
        );
        let failing =
            Script::new("failing", "raise SystemExit('no such work')\n");
        let error = python
            .run(&failing.0, &[], Duration::from_secs(20))
            .unwrap_err();
        assert!(format!("{error:#}").contains("no such work"), "{error:#}");
        let missing = python.run(
            Path::new("/nonexistent/x.py"),
            &[],
            Duration::from_secs(1),
        );
        assert!(missing.is_err());
    }

    #[test]
    fn a_script_past_its_deadline_is_killed_with_its_children() {
        let Some(python) = Python::find() else {
            eprintln!("{NOT_FOUND}: this test checks nothing here");
            return;
        };
        let note = std::env::temp_dir()
            .join(format!("course-kit-python-pid-{}", std::process::id()));
        let script = Script::new(
            "slow",
            &format!(
                "import subprocess, time\n\
                 child = subprocess.Popen(['sleep', '30'])\n\
                 open({:?}, 'w').write(str(child.pid))\n\
                 time.sleep(30)\n",
                note.display().to_string()
            ),
        );
        let started = std::time::Instant::now();
        let error = python
            .run(&script.0, &[], Duration::from_secs(5))
            .unwrap_err();
        assert!(format!("{error:#}").contains("was killed"), "{error:#}");
        assert!(started.elapsed() < Duration::from_secs(20));
        let grandchild = std::fs::read_to_string(&note).unwrap_or_default();
        let _ = std::fs::remove_file(&note);
        let grandchild = grandchild.trim();
        assert!(!grandchild.is_empty(), "the script started its child first");
        // Killed means gone, or a zombie until its new parent reaps it.
        let stat = format!("/proc/{grandchild}/stat");
        let gone = (0..200).any(|_| {
            std::thread::sleep(Duration::from_millis(10));
            std::fs::read_to_string(&stat).map_or(true, |s| {
                s.rsplit(") ")
                    .next()
                    .is_some_and(|rest| rest.starts_with('Z'))
            })
        });
        assert!(gone, "the script's child {grandchild} is still running");
    }
}
