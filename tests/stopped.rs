//! Every part of every lesson, stopped mid-run four ways (SIGKILL and SIGTERM
//! to the lesson alone, its reader going away as `| head` does, Ctrl-C to its
//! process group) just after it starts a child process: no process it started
//! outlives it, no shared memory it made stays in `/dev/shm`, and after
//! `| head` or Ctrl-C nothing more appears on stderr.
//!
//! It runs each part up to five times and takes minutes, so the
//! README's test command skips it; CI runs it as a step of its own:
//! `cargo test --test stopped -- --ignored`.

use std::path::PathBuf;
use std::process::Command;

use concurrency_course::lessons;
use course_test::stopped::{STOPS, Stopped, parts, stop_mid_run};

/// The lesson's program, built first if needed: the binaries of other
/// packages are not this test's to ask cargo for.
fn lesson_exe(package: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "-q", "-p", package, "--bin", package])
        .current_dir(lessons::root())
        .status()
        .unwrap();
    assert!(built.success(), "cargo build -p {package} failed");
    // This test runs from target/<profile>/deps/.
    let exe = std::env::current_exe().unwrap();
    let profile_dir: PathBuf = exe.parent().unwrap().parent().unwrap().into();
    profile_dir.join(package).to_string_lossy().into_owned()
}

fn every_part_stopped_leaves_nothing(number: &str) {
    let lesson = lessons::find(number).unwrap();
    let exe = lesson_exe(&lesson.package);
    let mut tried: Vec<Stopped> = Vec::new();
    for part in parts(&exe) {
        for (stop, after) in STOPS {
            match stop_mid_run(&exe, &part, stop, after) {
                Some(stopped) => tried.push(stopped),
                None => break, // this part starts no child process
            }
        }
    }
    let failed: Vec<&Stopped> = tried.iter().filter(|s| !s.clean()).collect();
    eprintln!(
        "lesson {number}: {} stops of parts with children, {} left something",
        tried.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "{failed:#?}");
}

macro_rules! lessons {
    ($($name:ident: $number:literal),* $(,)?) => {$(
        #[test]
        #[ignore = "a minute or more: CI runs it as its own step"]
        fn $name() {
            every_part_stopped_leaves_nothing($number);
        }
    )*};
}

lessons! {
    lesson_01: "01",
    lesson_02: "02",
    lesson_03: "03",
    lesson_04: "04",
    lesson_05: "05",
    lesson_06: "06",
    lesson_07: "07",
    lesson_08: "08",
    lesson_09: "09",
    lesson_10: "10",
}
