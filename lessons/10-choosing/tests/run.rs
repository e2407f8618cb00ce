//! Runs lesson 10 as a real process, with small workloads to keep the test
//! quick: checks the facts it prints, and that its output is still what the
//! book shows (the book shows the default workloads). No test here depends on
//! how fast the machine is, or on how busy.

use course_test::{Run, check_command_line, run};

course_test::lesson_under_test!("lesson-10");

/// The cells of the row that starts with `model` in the table under the line
/// that starts with `title`.
fn row<'a>(run: &'a Run, title: &str, model: &str) -> Vec<&'a str> {
    let mut lines = run.stdout.lines().skip_while(|l| !l.starts_with(title));
    let line = lines
        .find(|l| l.trim_start().starts_with(model))
        .unwrap_or_else(|| panic!("no row {model:?} under {title:?}: {run}"));
    let cells = line.trim().split("  ").map(str::trim);
    cells.filter(|c| !c.is_empty()).collect()
}

/// A cell such as `12.34 ms` in ms.
fn ms(cell: &str) -> f64 {
    let number = cell
        .strip_suffix(" ms")
        .unwrap_or_else(|| panic!("not ms: {cell:?}"));
    number.parse().unwrap()
}

fn python_present() -> bool {
    course_kit::python::Python::find().is_some()
}

const MODELS: [&str; 7] = [
    "one at a time",
    "a thread each",
    "thread pool (10)",
    "rayon pool",
    "process pool",
    "a process each",
    "async tasks",
];

/// 10 waits of 20 ms, 4 CPU-bound jobs.
const SMALL: [&str; 4] = [
    "--rounds=40000",
    "--cpu-jobs=4",
    "--io-jobs=10",
    "--wait-ms=20",
];

#[test]
fn every_model_runs_both_workloads_and_python_beside_rust() {
    let with_python = python_present();
    let run = if with_python {
        part("compare", &SMALL)
    } else {
        run(LESSON, &[&["compare"][..], &SMALL].concat())
    };
    run.assert_success();
    let cpu = "CPU-bound: 4 jobs";
    let io = "I/O-bound: 10 jobs";
    for model in MODELS {
        let cells = row(&run, cpu, model);
        assert!(ms(cells[1]) > 0.0, "{model}: {run}");
        if model == "one at a time" {
            continue; // waits one after another need no measuring: their sum
        }
        let cells = row(&run, io, model);
        // No wait ends before it has waited, and the batch takes at least one.
        let (took, median, worst) = (ms(cells[1]), ms(cells[2]), ms(cells[3]));
        assert!(took >= 20.0 && median <= worst, "{model}: {run}");
    }
    // A pool of one thread per core runs that many waits at once: 10 waits
    // queue in rounds, and the last one ends at least a wait late per round.
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rounds = 10_usize.div_ceil(cpus);
    let rayon = row(&run, io, "rayon pool");
    assert!(ms(rayon[1]) >= 20.0 * rounds as f64, "{run}");
    assert!(ms(rayon[3]) >= 20.0 * (rounds - 1) as f64, "{run}");
    if with_python {
        run.assert_prints("beside Python 3.");
        for model in MODELS {
            let cells = row(&run, cpu, model);
            let python = cells[3];
            if model == "rayon pool" {
                assert_eq!(python, "-", "Python has no rayon: {run}");
            } else {
                assert!(ms(python) > 0.0, "{model}: {run}");
                assert!(cells[5].ends_with('x'), "a ratio: {run}");
            }
        }
        let thread_each = row(&run, io, "a thread each");
        assert!(ms(thread_each[4]) >= 20.0, "{run}");
        run.assert_prints("Python's processes start by ");
    }
}

#[test]
fn without_python_the_rust_rows_still_show() {
    let stdout = course_test::run_without_python(
        LESSON,
        &[&["compare"][..], &SMALL].concat(),
    );
    assert!(!stdout.contains("Python/Rust"), "{stdout}");
    assert!(stdout.contains("async tasks"), "{stdout}");
}

#[test]
fn scale_runs_one_row_per_thread_count() {
    let run = part("scale", &["--long-rounds=400000"]);
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let counts: Vec<usize> = run
        .stdout
        .lines()
        .skip_while(|l| !l.contains("-------"))
        .skip(1)
        .map_while(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(counts.first(), Some(&1), "{run}");
    assert_eq!(counts.last(), Some(&cpus), "{run}");
}

#[test]
fn a_thread_costs_more_memory_than_a_task() {
    let run = part("memory", &[]);
    let kb = |cell: &str| -> f64 {
        let (number, unit) = cell.split_once(' ').unwrap();
        let number: f64 = number.parse().unwrap();
        if unit == "B" { number / 1024.0 } else { number }
    };
    let thread = row(&run, "500 threads", "a thread");
    let task = row(&run, "500 threads", "a tokio task");
    let process = row(&run, "500 threads", "a process");
    // A thread touches at least a page of its stack, a task needs far less
    // than a page, and a thread's stack reserves megabytes of address space.
    assert!(kb(thread[2]) >= 4.0, "{run}");
    assert!(kb(task[2]) < 4.0, "{run}");
    assert!(kb(thread[3]) >= 1024.0, "{run}");
    // A process is a whole program: more pages of its own than a thread.
    assert!(kb(process[2]) > kb(thread[2]), "{run}");
    assert!(
        kb(process[1]) > kb(process[2]),
        "resident counts shared pages: {run}"
    );
}

#[test]
fn mixed_shows_both_ways_of_computing() {
    // Which way leaves the waits later depends on what else the machine runs:
    // tests/held_up.rs checks the fact itself, on the timeline.
    let run = part("mixed", &["--io-jobs=20", "--long-rounds=4000000"]);
    for how in ["on the runtime's threads", "sent to spawn_blocking"] {
        let cells = row(&run, "20 waits", how);
        assert!(ms(cells[1]) <= ms(cells[2]), "{how}: {run}");
    }
}

#[test]
fn what_the_book_shows_fits_80_columns() {
    for entry in std::fs::read_dir(format!("{DIR}/output")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                let width = line.chars().count();
                assert!(
                    width <= 80,
                    "{}: {width} columns: {line}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "io-jobs");
    // In range, or one line saying so: 0 jobs mean nothing, 10000 would start
    // 10000 threads and processes.
    for out_of_range in ["--cpu-jobs=0", "--io-jobs=10000"] {
        let refused = run(LESSON, &["compare", out_of_range]);
        assert!(!refused.status.success(), "{refused}");
        assert!(
            refused.stderr.contains("needs a whole number from"),
            "{refused}"
        );
        assert_eq!(refused.status.code(), Some(2), "{refused}");
        assert_eq!(refused.stderr.lines().count(), 1, "{refused}");
    }
}
