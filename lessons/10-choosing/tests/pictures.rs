//! The chart the chapter shows (`output/compare.svg`) is drawn from the table
//! beside it (`output/compare.txt`): well-formed SVG that mdBook can inline,
//! with one bar for every time in the table, of the same length in ms. The
//! same holds for a fresh run. Nothing here depends on how fast the run was.

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-10");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// A time the table printed or the chart drew: workload title, model, language,
/// ms.
type Time = (String, String, String, f64);

/// The bars of the chart `svg`, after checking that mdBook can inline it.
fn bars(svg: &str) -> Vec<Time> {
    assert!(
        svg.starts_with("<svg ") && !svg.contains("\n\n"),
        "an inline SVG starts with <svg and has no blank line"
    );
    let document =
        roxmltree::Document::parse(svg).expect("the chart is well-formed");
    let root = document.root_element();
    assert_eq!(root.attribute("width"), Some("100%"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root.attribute("aria-label").is_some_and(|l| !l.is_empty()));
    document
        .descendants()
        .filter(|node| node.attribute("class") == Some("bar"))
        .map(|bar| {
            let text = |name: &str| {
                bar.attribute(name).unwrap_or_default().to_string()
            };
            let ms = text("data-ms").parse().expect("a bar has its time");
            (
                text("data-workload"),
                text("data-model"),
                text("data-language"),
                ms,
            )
        })
        .collect()
}

/// The times in the two tables `compare` printed: for each row, Rust's time
/// and Python's (`-` when Python has no such model, no column without Python).
fn table(stdout: &str) -> Vec<Time> {
    let mut times = Vec::new();
    let mut title = None;
    let mut columns: Vec<&str> = Vec::new();
    for line in stdout.lines() {
        if line.starts_with("CPU-bound: ") || line.starts_with("I/O-bound: ") {
            title = Some(line.to_string());
            continue;
        }
        let cells: Vec<&str> = line.trim().split("  ").map(str::trim).collect();
        let cells: Vec<&str> =
            cells.into_iter().filter(|c| !c.is_empty()).collect();
        if cells.first() == Some(&"model") {
            columns = cells;
            continue;
        }
        let Some(workload) = &title else { continue };
        if !line.starts_with("  ") || line.contains("---") {
            if line.starts_with('(') {
                title = None;
            }
            continue;
        }
        for language in ["Rust", "Python"] {
            let Some(column) = columns.iter().position(|c| *c == language)
            else {
                continue;
            };
            if let Some(number) = cells[column].strip_suffix(" ms") {
                let ms = number.parse().expect("a time in ms");
                times.push((
                    workload.clone(),
                    cells[0].into(),
                    language.into(),
                    ms,
                ));
            }
        }
    }
    times
}

/// Every time in the table has its bar, of the same length, and no bar is
/// extra.
fn check(stdout: &str, svg: &str) {
    let (mut table, mut bars) = (table(stdout), bars(svg));
    assert!(
        table.len() >= 13,
        "7 CPU-bound and 6 I/O-bound rows: {table:#?}"
    );
    let key = |t: &Time| (t.0.clone(), t.1.clone(), t.2.clone());
    table.sort_by_key(key);
    bars.sort_by_key(key);
    assert_eq!(
        table.iter().map(key).collect::<Vec<_>>(),
        bars.iter().map(key).collect::<Vec<_>>(),
        "a bar for every time in the table, and no other"
    );
    for (printed, drawn) in table.iter().zip(&bars) {
        // The table rounds to 0.01 ms below 10 ms, to 0.1 ms above.
        assert!(
            (printed.3 - drawn.3).abs() <= 0.05 + printed.3 * 1e-3,
            "{printed:?} drawn as {drawn:?}"
        );
    }
}

#[test]
fn the_recorded_chart_has_a_bar_for_every_time_in_the_table() {
    let stdout =
        std::fs::read_to_string(format!("{DIR}/output/compare.txt")).unwrap();
    let svg =
        std::fs::read_to_string(format!("{DIR}/output/compare.svg")).unwrap();
    check(&stdout, &svg);
    assert!(
        stdout.contains("Python/Rust"),
        "the book shows Python beside Rust"
    );
}

#[test]
fn a_fresh_chart_has_a_bar_for_every_time_in_its_table() {
    let file = std::env::temp_dir()
        .join(format!("lesson-10-chart-{}.svg", std::process::id()));
    let svg_option = format!("--svg={}", file.display());
    let run = course_test::run(
        LESSON,
        &[
            "compare",
            "--rounds=20000",
            "--io-jobs=10",
            "--wait-ms=2",
            &svg_option,
        ],
    );
    let svg = std::fs::read_to_string(&file);
    let _ = std::fs::remove_file(&file);
    run.assert_success();
    assert!(run.stderr.is_empty(), "no timeline message: {run}");
    check(&run.stdout, &svg.expect("the part wrote the chart"));
}
