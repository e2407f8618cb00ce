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
                writeln!(problems, "{}: missing {path}", lesson.package)
                    .unwrap();
            }
        }
        let manifest = std::fs::read_to_string(lesson.dir.join("Cargo.toml"))
            .unwrap_or_default();
        if !manifest.contains(&format!("name = \"{}\"", lesson.package)) {
            writeln!(
                problems,
                "{}: the package must be named so",
                lesson.package
            )
            .unwrap();
        }
        if !manifest.contains("starter = []") {
            writeln!(problems, "{}: no `starter` feature", lesson.package)
                .unwrap();
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

#[test]
fn every_exercise_has_a_starter_a_solution_and_a_hint() {
    let mut problems = String::new();
    for lesson in lessons::all().unwrap() {
        let mut starters: Vec<_> =
            std::fs::read_dir(lesson.dir.join("exercises"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .collect();
        starters.sort();
        if !(2..=5).contains(&starters.len()) {
            writeln!(
                problems,
                "{}: {} exercises, not 2 to 5",
                lesson.package,
                starters.len()
            )
            .unwrap();
        }
        let lib = std::fs::read_to_string(lesson.dir.join("src/lib.rs"))
            .unwrap_or_default();
        let tests =
            std::fs::read_to_string(lesson.dir.join("tests/exercises.rs"))
                .unwrap_or_default();
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
                writeln!(problems, "{}: no solutions/{name}", lesson.package)
                    .unwrap();
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
                writeln!(
                    problems,
                    "{}: no test named {exercise}_...",
                    lesson.package
                )
                .unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

/// The lessons whose kept wrong answers, staged hints and stretch exercise are
/// still being written: [`every_exercise_has_kept_mistakes_and_staged_hints`]
/// skips them. Shrink this list as each lesson gets them; the test prints a
/// note when a lesson listed here already has everything, and once the list is
/// empty every lesson is checked.
const AWAITING_MISTAKES: &[&str] = &[];

/// Every exercise keeps at least two plausible wrong answers in `mistakes/`
/// (`cargo exercises --mistakes-must-fail` proves the tests reject them), each
/// saying on its first line what is wrong, and the lesson can build them (its
/// `mistake` feature, and `src/lib.rs` taking the files from
/// `target/mistake/`); every hint comes in stages (a question first, then where
/// to look); every lesson has one optional stretch exercise.
#[test]
fn every_exercise_has_kept_mistakes_and_staged_hints() {
    let mut problems = String::new();
    let mut missing = Vec::new();
    let mut ready_but_listed = Vec::new();
    for lesson in lessons::all().unwrap() {
        let found = mistakes_and_stages(&lesson);
        let awaited = AWAITING_MISTAKES.contains(&lesson.package.as_str());
        match (found.is_empty(), awaited) {
            (true, true) => ready_but_listed.push(lesson.package),
            (true, false) | (false, true) => {}
            (false, false) => {
                problems.push_str(&found);
                missing.push(lesson.package);
            }
        }
    }
    if !ready_but_listed.is_empty() {
        eprintln!(
            "note: {} have their mistakes and staged hints: \
             remove them from AWAITING_MISTAKES in tests/layout.rs",
            ready_but_listed.join(", ")
        );
    }
    assert!(
        missing.is_empty(),
        "lessons still missing kept mistakes, staged hints or a stretch exercise: {}\n{problems}",
        missing.join(", ")
    );
}

/// What `lesson` lacks of its mistakes, hint stages and stretch exercise; empty
/// if nothing.
fn mistakes_and_stages(lesson: &lessons::LessonDir) -> String {
    let mut problems = String::new();
    let package = &lesson.package;
    let mut starters: Vec<_> = std::fs::read_dir(lesson.dir.join("exercises"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    starters.sort();
    let exercises: Vec<String> = starters
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            lessons::exercise_of_file(name).map(str::to_string)
        })
        .collect();
    let manifest = std::fs::read_to_string(lesson.dir.join("Cargo.toml"))
        .unwrap_or_default();
    if !manifest.contains("mistake = []") {
        writeln!(problems, "{package}: no `mistake = []` feature").unwrap();
    }
    let lib = std::fs::read_to_string(lesson.dir.join("src/lib.rs"))
        .unwrap_or_default();
    for starter in &starters {
        let name = starter.file_name().unwrap().to_str().unwrap();
        if !lib.contains(&format!("path = \"../target/mistake/{name}\"")) {
            writeln!(
                problems,
                "{package}: src/lib.rs does not wire {name} to target/mistake/ \
                 for the `mistake` feature"
            )
            .unwrap();
        }
    }
    for exercise in &exercises {
        let mistakes = lesson.mistakes(Some(exercise));
        if mistakes.len() < 2 {
            writeln!(
                problems,
                "{package}: {exercise} has {} kept wrong answers in mistakes/, not 2 or more",
                mistakes.len()
            )
            .unwrap();
        }
        for mistake in mistakes {
            let text = std::fs::read_to_string(&mistake).unwrap();
            if lessons::what_is_wrong(&text).is_none() {
                writeln!(
                    problems,
                    "{package}: {} must start with `//! WRONG: <what is wrong>`",
                    lessons::show(&mistake)
                )
                .unwrap();
            }
        }
        for stage in ["1", "2"] {
            let anchor = format!("{exercise}-{stage}");
            let text =
                std::fs::read_to_string(lesson.dir.join("exercises/hints.md"))
                    .unwrap_or_default();
            if lessons::anchored(&text, &anchor).is_none()
                || !nested(&text, exercise, &anchor)
            {
                writeln!(
                    problems,
                    "{package}: hints.md has no stage `{anchor}` inside `{exercise}`"
                )
                .unwrap();
            }
        }
    }
    for mistake in lesson.mistakes(None) {
        let name = mistake.file_name().unwrap().to_str().unwrap();
        let exercise = lessons::exercise_of_file(name).unwrap_or_default();
        if !exercises.iter().any(|e| e == exercise) {
            writeln!(
                problems,
                "{package}: mistakes/{name} belongs to no exercise"
            )
            .unwrap();
        }
    }
    let stretches = starters
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            text.lines()
                .next()
                .is_some_and(|first| first.contains("(stretch, optional)"))
        })
        .count();
    if stretches != 1 {
        writeln!(
            problems,
            "{package}: {stretches} exercises say `(stretch, optional)` on their first line, not 1"
        )
        .unwrap();
    }
    problems
}

/// Whether anchor `inner` starts between the start and the end of anchor
/// `outer`.
fn nested(text: &str, outer: &str, inner: &str) -> bool {
    let mut inside = false;
    for line in text.lines() {
        match lessons::anchor_on(line) {
            Some(("ANCHOR", name)) if name == outer => inside = true,
            Some(("ANCHOR_END", name)) if name == outer => inside = false,
            Some(("ANCHOR", name)) if name == inner => return inside,
            _ => {}
        }
    }
    false
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
            writeln!(problems, "{package}: course-test is a normal dependency")
                .unwrap();
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
