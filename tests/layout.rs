//! Every lesson has the same shape, so a reader who learned one knows them all,
//! and every exercise has its starter, solution, hint and tests.

use std::fmt::Write as _;

use concurrency_course::lessons;

#[test]
fn every_lesson_has_the_same_shape() {
    let mut problems = String::new();
    for lesson in lessons::all().unwrap() {
        for path in [
            "Cargo.toml",
            "src/main.rs",
            "src/lib.rs",
            "exercises/hints.md",
            "solutions",
            "tests/exercises.rs",
            "tests/run.rs",
            "output",
        ] {
            if !lesson.dir.join(path).exists() {
                writeln!(problems, "{}: missing {path}", lesson.package).unwrap();
            }
        }
        let manifest = std::fs::read_to_string(lesson.dir.join("Cargo.toml")).unwrap_or_default();
        if !manifest.contains(&format!("name = \"{}\"", lesson.package)) {
            writeln!(problems, "{}: the package must be named so", lesson.package).unwrap();
        }
        if !manifest.contains("starter = []") {
            writeln!(problems, "{}: no `starter` feature", lesson.package).unwrap();
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

#[test]
fn every_exercise_has_a_starter_a_solution_and_a_hint() {
    let mut problems = String::new();
    for lesson in lessons::all().unwrap() {
        let mut starters: Vec<_> = std::fs::read_dir(lesson.dir.join("exercises"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        starters.sort();
        if !(2..=4).contains(&starters.len()) {
            writeln!(
                problems,
                "{}: {} exercises, not 2 to 4",
                lesson.package,
                starters.len()
            )
            .unwrap();
        }
        let lib = std::fs::read_to_string(lesson.dir.join("src/lib.rs")).unwrap_or_default();
        let tests =
            std::fs::read_to_string(lesson.dir.join("tests/exercises.rs")).unwrap_or_default();
        for starter in starters {
            let name = starter.file_name().unwrap().to_str().unwrap();
            let exercise = name.split('_').next().unwrap();
            let text = std::fs::read_to_string(&starter).unwrap();
            if !text.contains("todo!(") || !text.contains("// TODO:") {
                writeln!(
                    problems,
                    "{}: {name} needs todo!() and // TODO:",
                    lesson.package
                )
                .unwrap();
            }
            if !lesson.dir.join("solutions").join(name).exists() {
                writeln!(problems, "{}: no solutions/{name}", lesson.package).unwrap();
            }
            if lesson.hint(exercise).is_none() {
                writeln!(
                    problems,
                    "{}: no hint `{exercise}` in hints.md",
                    lesson.package
                )
                .unwrap();
            }
            if !lib.contains(&format!("path = \"../exercises/{name}\""))
                || !lib.contains(&format!("path = \"../solutions/{name}\""))
            {
                writeln!(
                    problems,
                    "{}: src/lib.rs does not wire {name}",
                    lesson.package
                )
                .unwrap();
            }
            if !tests.contains(&format!("fn {exercise}_")) {
                writeln!(problems, "{}: no test named {exercise}_...", lesson.package).unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

/// The test harness is for tests only: no lesson, and not the shared crate the
/// lessons build on, lists `course-test` among its normal dependencies, so
/// `cargo tree -p lesson-NN -e normal` shows none of it.
#[test]
fn no_lesson_binary_compiles_the_test_harness() {
    let mut problems = String::new();
    let mut manifests: Vec<(String, std::path::PathBuf)> = lessons::all()
        .unwrap()
        .into_iter()
        .map(|l| (l.package, l.dir.join("Cargo.toml")))
        .collect();
    manifests.push((
        "course-kit".into(),
        lessons::root().join("lessons/course-kit/Cargo.toml"),
    ));
    for (package, manifest) in manifests {
        let text = std::fs::read_to_string(&manifest).unwrap();
        let normal = section(&text, "[dependencies]");
        if normal.contains("course-test") {
            writeln!(problems, "{package}: course-test is a normal dependency").unwrap();
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

/// The lines of a manifest's `header` section, up to the next section.
fn section<'a>(manifest: &'a str, header: &str) -> &'a str {
    let Some(start) = manifest.find(&format!("\n{header}\n")) else {
        return "";
    };
    let body = &manifest[start + header.len() + 2..];
    body.find("\n[").map_or(body, |end| &body[..end])
}
