//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 04` runs them on your answers in `exercises/`.
//!
//! The child roles you write run in `lesson-04`, the program cargo builds from
//! this lesson (`env!("CARGO_BIN_EXE_lesson-04")`): the test program itself
//! plays no roles. Some tests start small shell scripts instead, as stand-ins
//! for a child that behaves in one particular way (fails, ignores SIGTERM).

use std::fs::File;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use course_kit::child::{self, ChildGuard};
use course_test::deadline::within;
use rustix::fs::{Mode, OFlags};

use lesson_04::ex1_count_lines::count_lines;
use lesson_04::ex2_stop_all::{Ending, ending, stop};
use lesson_04::ex3_pipe_capacity::{measure, predicted_bytes};
use lesson_04::together::{ProcessInfo, children_of};

/// Every test gives up after this long instead of hanging.
const LIMIT: Duration = Duration::from_secs(30);

/// What `new_child` is in the tests: a command that starts `lesson-04` in
/// `role`, as `child::command(role, &[])` does inside the lesson.
fn lesson_role(role: &'static str) -> impl Fn() -> anyhow::Result<Command> {
    move || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lesson-04"));
        command
            .arg(child::ROLE_ARG)
            .arg(role)
            .env(child::PARENT_ENV, std::process::id().to_string());
        Ok(command)
    }
}

/// A shell script as a stand-in child. The arguments the code under test adds
/// come after the script (as `$0`, `$1`, ...), where the script ignores them.
fn shell(script: &str) -> Command {
    let mut command = Command::new("sh");
    command.args(["-c", script]);
    command
}

/// A folder of its own for one test, removed at the end even if it fails.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir()
            .join(format!("lesson-04-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).unwrap();
        Self(dir)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A named pipe: a child that opens it to read waits until the test
    /// opens it to write, and reads what the test writes, until it closes.
    fn fifo(&self, name: &str) -> PathBuf {
        let path = self.0.join(name);
        rustix::fs::mkfifoat(rustix::fs::CWD, &path, Mode::RUSR | Mode::WUSR)
            .unwrap();
        path
    }

    /// The children of this test process that were started with a path in
    /// this folder and are still running.
    fn children_running(&self) -> Vec<ProcessInfo> {
        let dir = self.0.as_os_str().as_encoded_bytes();
        children_of(std::process::id())
            .unwrap()
            .into_iter()
            .filter(|child| {
                std::fs::read(format!("/proc/{}/cmdline", child.pid)).is_ok_and(
                    |cmdline| cmdline.windows(dir.len()).any(|w| w == dir),
                )
            })
            .collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The write end of `fifo`, if a reader has it open (or is opening it) now.
fn writer_if_read(fifo: &Path) -> Option<File> {
    let flags = OFlags::WRONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
    match rustix::fs::open(fifo, flags, Mode::empty()) {
        Ok(fd) => Some(File::from(fd)),
        Err(rustix::io::Errno::NXIO) => None, // nobody reads it yet
        Err(error) => panic!("opening {}: {error}", fifo.display()),
    }
}

/// Lets every child that is, or will be, waiting on one of `fifos` go on
/// (each reads an empty file), until `call` has returned.
fn release<T>(fifos: &[PathBuf], call: &JoinHandle<T>) {
    let give_up = Instant::now() + LIMIT;
    while !call.is_finished() && Instant::now() < give_up {
        for fifo in fifos {
            drop(writer_if_read(fifo));
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Waits until `call` returns or `limit` passes; says whether it returned.
fn returns_within<T>(call: &JoinHandle<T>, limit: Duration) -> bool {
    let started = Instant::now();
    while !call.is_finished() && started.elapsed() < limit {
        thread::sleep(Duration::from_millis(5));
    }
    call.is_finished()
}

#[test]
fn ex1_lines_are_counted_in_order() {
    let scratch = Scratch::new("ex1-order");
    let paths = vec![
        scratch.file("three.txt", "one\ntwo\nthree\n"),
        scratch.file("empty.txt", ""),
        scratch.file("no-newline.txt", "the end"),
        scratch.file("blank-inside.txt", "first\n\nthird"),
    ];
    let counts = within(LIMIT, "count_lines never returned", move || {
        count_lines(&paths, lesson_role("ex1-count"))
    });
    assert_eq!(counts.unwrap(), [3, 0, 1, 3]);
}

#[test]
fn ex1_the_children_run_at_the_same_time() {
    // Each file is a named pipe: its child waits in it until the test writes.
    // The test writes only once EVERY child is waiting, so children started
    // one at a time never get there: the first waits for ever.
    let scratch = Scratch::new("ex1-together");
    let fifos: Vec<PathBuf> =
        ["a", "b", "c"].map(|name| scratch.fifo(name)).to_vec();
    let paths = fifos.clone();
    let call =
        thread::spawn(move || count_lines(&paths, lesson_role("ex1-count")));
    let mut writers: Vec<Option<File>> = fifos.iter().map(|_| None).collect();
    let give_up = Instant::now() + Duration::from_secs(10);
    while writers.iter().any(Option::is_none)
        && !call.is_finished()
        && Instant::now() < give_up
    {
        for (writer, fifo) in writers.iter_mut().zip(&fifos) {
            if writer.is_none() {
                *writer = writer_if_read(fifo);
            }
        }
        thread::sleep(Duration::from_millis(5));
    }
    let waiting = writers.iter().filter(|w| w.is_some()).count();
    if waiting == fifos.len() {
        for (lines, writer) in (1..).zip(writers) {
            writer.unwrap().write_all(&b"line\n".repeat(lines)).unwrap();
        } // each writer is dropped here: its child reads to the end
    } else {
        drop(writers);
        release(&fifos, &call);
    }
    let counts = match call.join() {
        Ok(counts) => counts,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    assert_eq!(
        waiting,
        fifos.len(),
        "after 10 s, only {waiting} of the {} children had started: start \
         them all before you wait for any",
        fifos.len()
    );
    assert_eq!(counts.unwrap(), [1, 2, 3]);
}

#[test]
fn ex1_a_file_that_cannot_be_read_is_an_error_naming_it() {
    let scratch = Scratch::new("ex1-missing");
    let missing = scratch.0.join("missing-file.txt");
    let argument = missing.to_str().unwrap().to_string();
    let mut counter = lesson_role("ex1-count")().unwrap();
    counter.arg(&argument);
    let output = child::output_with_deadline(&mut counter, LIMIT).unwrap();
    assert!(
        !output.status.success(),
        "the child counted a file it cannot read, and exited with {}: it \
         should fail",
        output.status
    );
    let paths = vec![scratch.file("fine.txt", "one line\n"), missing];
    let result = within(LIMIT, "count_lines never returned", move || {
        count_lines(&paths, lesson_role("ex1-count"))
    });
    let error = match result {
        Ok(counts) => panic!("a missing file was counted: {counts:?}"),
        Err(error) => format!("{error:#}"),
    };
    assert!(
        error.contains("missing-file.txt"),
        "the error should name the file: {error}"
    );
}

#[test]
fn ex1_a_child_that_fails_is_an_error_even_after_printing() {
    let scratch = Scratch::new("ex1-fails");
    let paths = vec![scratch.file("fine.txt", "one line\n")];
    let result = within(LIMIT, "count_lines never returned", move || {
        count_lines(&paths, || Ok(shell("echo 7; exit 1")))
    });
    assert!(
        result.is_err(),
        "a child printed 7 and then exited with status 1, and count_lines \
         gave {result:?}: look at the exit status, not only at the output"
    );
}

#[test]
fn ex1_a_failure_stops_the_children_after_it() {
    // The first file is missing; the second is a named pipe that nobody
    // writes, so its child waits for ever unless it is stopped.
    let scratch = Scratch::new("ex1-stops");
    let fifo = scratch.fifo("never-written");
    let paths = vec![scratch.0.join("missing-file.txt"), fifo.clone()];
    let call =
        thread::spawn(move || count_lines(&paths, lesson_role("ex1-count")));
    let returned = returns_within(&call, Duration::from_secs(10));
    if !returned {
        release(std::slice::from_ref(&fifo), &call);
    }
    let result = match call.join() {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let left = scratch.children_running();
    for child in &left {
        // Let it read its empty file and exit, then reap it.
        let give_up = Instant::now() + LIMIT;
        while writer_if_read(&fifo).is_none() && Instant::now() < give_up {
            thread::sleep(Duration::from_millis(5));
        }
        let pid = rustix::process::Pid::from_raw(child.pid as i32).unwrap();
        let _ = rustix::process::waitpid(
            Some(pid),
            rustix::process::WaitOptions::empty(),
        );
    }
    assert!(
        returned,
        "the first file is missing, yet count_lines was still waiting after \
         10 s for the child of the second, which never ends by itself"
    );
    assert!(result.is_err(), "the first file is missing: {result:?}");
    assert!(
        left.is_empty(),
        "count_lines returned its error but left children running: {left:?} \
         (keep every child in a ChildGuard)"
    );
}

#[test]
fn ex2_exits_and_signals_are_told_apart() {
    let exited = shell("exit 7").status().unwrap();
    assert_eq!(ending(exited), Ending::Exited(7));
    let terminated = shell("kill -TERM $$").status().unwrap();
    assert_eq!(ending(terminated), Ending::Signalled(15));
}

/// Starts `command` with its stdout piped and waits for its first line.
fn start_until_ready(command: &mut Command) -> ChildGuard {
    command.stdout(Stdio::piped());
    let mut started = ChildGuard::spawn(command).unwrap();
    let lines = child::lines(started.child_mut().stdout.take().unwrap());
    let first = lines.recv_timeout(LIMIT);
    assert_eq!(
        first.as_deref(),
        Ok("ready"),
        "the child's first line should be `ready`"
    );
    started
}

#[test]
fn ex2_the_lock_is_held_until_sigterm_then_removed() {
    let scratch = Scratch::new("ex2-locks");
    let locks = [scratch.0.join("first.lock"), scratch.0.join("second.lock")];
    let mut children = Vec::new();
    for lock in &locks {
        let mut command = lesson_role("ex2-lock")().unwrap();
        command.arg(lock);
        children.push(start_until_ready(&mut command));
    }
    for (lock, child) in locks.iter().zip(&mut children) {
        assert!(
            lock.exists(),
            "{} should exist after `ready`",
            lock.display()
        );
        let ended = child.wait_timeout(Duration::from_millis(200)).unwrap();
        assert_eq!(ended, None, "a lock holder runs until it is stopped");
    }
    let started = Instant::now();
    let endings = within(LIMIT, "stop never returned", move || {
        stop(children, Duration::from_secs(10))
    });
    let took = started.elapsed();
    assert_eq!(
        endings.unwrap(),
        [Ending::Exited(0); 2],
        "asked with SIGTERM, a lock holder cleans up and exits with 0"
    );
    for lock in &locks {
        assert!(!lock.exists(), "{} was not removed", lock.display());
    }
    assert!(
        took < Duration::from_secs(5),
        "both children exited at once, yet stop took {took:?} of its 10 s \
         grace: return as soon as every child has ended"
    );
}

#[test]
fn ex2_one_grace_period_for_all() {
    // Three children that ignore SIGTERM (then `exec` keeps that and the pid).
    let stubborn = "trap '' TERM; echo ready; exec sleep 20";
    let children: Vec<ChildGuard> = (0..3)
        .map(|_| start_until_ready(&mut shell(stubborn)))
        .collect();
    let grace = Duration::from_secs(1);
    let started = Instant::now();
    let endings =
        within(LIMIT, "stop never returned", move || stop(children, grace));
    let took = started.elapsed();
    assert_eq!(
        endings.unwrap(),
        [Ending::Signalled(9); 3],
        "children that ignore SIGTERM end by SIGKILL"
    );
    assert!(
        took >= grace,
        "stop returned after {took:?}: give them {grace:?} first"
    );
    assert!(
        took < grace * 5 / 2,
        "3 stubborn children and 1 s of grace took {took:?}: one grace for \
         all, not one each"
    );
}

#[test]
fn ex2_sigterm_comes_first() {
    // `sleep` does not catch SIGTERM: it ends by it, at once. The second
    // child catches it and exits with 3 at its next turn.
    let first = ChildGuard::spawn(&mut shell("exec sleep 20")).unwrap();
    let second = start_until_ready(&mut shell(
        "trap 'exit 3' TERM; echo ready; while :; do sleep 0.1; done",
    ));
    let started = Instant::now();
    let endings = within(LIMIT, "stop never returned", move || {
        stop(vec![first, second], Duration::from_secs(10))
    });
    let took = started.elapsed();
    assert_eq!(
        endings.unwrap(),
        [Ending::Signalled(15), Ending::Exited(3)],
        "SIGTERM (15) first, and the endings in the children's order"
    );
    assert!(
        took < Duration::from_secs(5),
        "SIGTERM ended both children at once, yet stop took {took:?}"
    );
}

/// What this machine's pipes hold, measured here: a pipe nobody reads,
/// filled one byte at a time until the next byte would have to wait.
fn pipe_capacity_here() -> usize {
    let (_reader, writer) = std::io::pipe().unwrap();
    rustix::io::ioctl_fionbio(&writer, true).unwrap();
    let mut written = 0;
    loop {
        match (&writer).write(b"x") {
            Ok(_) => written += 1,
            Err(error) if error.kind() == ErrorKind::WouldBlock => {
                return written;
            }
            Err(error) => panic!("writing into a pipe: {error}"),
        }
    }
}

#[test]
fn ex3_the_measurement_matches_this_machine() {
    let measured = within(LIMIT, "the measurement never returned", || {
        measure(lesson_role("ex3-fill"))
    });
    let truth = pipe_capacity_here();
    assert_eq!(
        measured.unwrap(),
        truth,
        "a pipe on this machine holds {truth} bytes"
    );
}

#[test]
fn ex3_the_prediction_matches_this_machine() {
    let truth = pipe_capacity_here();
    let predicted = predicted_bytes();
    println!("You predicted {predicted} bytes; a pipe here holds {truth}.");
    assert_eq!(
        predicted, truth,
        "you predicted {predicted} bytes; a pipe on this machine holds {truth}"
    );
}
