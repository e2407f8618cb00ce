//! Lesson 10: which model for which work. Run it with `cargo run -p lesson-10`.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, ensure};
use course_kit::millis::Millis;
use course_kit::timing::speedup;
use course_kit::{Args, Lesson, timed};
use lesson_10::jobs::{self, Job};
use lesson_10::models;

fn main() -> ExitCode {
    Lesson::new("lesson-10", "Which model for which work")
        .part(
            "compare",
            "the same CPU-bound and I/O-bound jobs on every model, in one table",
            compare,
        )
        .option("cpu-jobs", 8, "how many CPU-bound jobs")
        .option(
            "rounds",
            24_000_000,
            "the CPU-bound work: rounds, shared by the jobs",
        )
        .option("io-jobs", 50, "how many I/O-bound jobs")
        .option("wait-ms", 20, "how long each I/O-bound job waits, in ms")
        .role(models::ROLE, models::job_role)
        .run()
}

type Model = fn(&[Job]) -> Result<u64>;

const MODELS: [(&str, Model); 5] = [
    ("one at a time", models::sequential),
    ("a thread each", models::threads),
    ("rayon pool", models::pool),
    ("a process each", models::processes),
    ("async tasks", models::async_tasks),
];

fn compare(args: &Args) -> Result<()> {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpu_jobs = jobs::compute_jobs(args.get("cpu-jobs"), args.get("rounds"));
    let io_jobs = jobs::wait_jobs(args.get("io-jobs"), args.get("wait-ms"));
    println!("On this machine ({cpus} CPUs):");
    println!(
        "  CPU-bound: {} jobs that compute, {} rounds each (best of 2 runs)",
        cpu_jobs.len(),
        args.get("rounds") / args.get("cpu-jobs").max(1)
    );
    println!(
        "  I/O-bound: {} jobs that wait {} each",
        io_jobs.len(),
        Millis(Duration::from_millis(args.get("wait-ms")))
    );
    println!();
    println!("  workload   model            time (speedup over one at a time)");
    println!("  ---------  ---------------  ---------------------------------");
    for (workload, jobs) in [("CPU-bound", &cpu_jobs), ("I/O-bound", &io_jobs)] {
        let mut baseline = None;
        let mut expected = None;
        for (name, model) in MODELS {
            // Computing is measured twice and the faster run kept: other programs
            // on the machine steal the cores now and then. Waiting is not disturbed.
            let runs = if workload == "CPU-bound" { 2 } else { 1 };
            let mut best = None;
            for _ in 0..runs {
                let (answer, took) = timed(|| model(jobs));
                let answer = answer?;
                best = Some(best.map_or((answer, took), |(_, t): (u64, Duration)| {
                    (answer, t.min(took))
                }));
            }
            let (answer, took) = best.expect("at least one run");
            ensure!(
                *expected.get_or_insert(answer) == answer,
                "{name} got {answer} for the {workload} jobs"
            );
            let base = *baseline.get_or_insert(took);
            // The time comes last on the line: its width changes from run to run.
            println!(
                "  {workload}  {name:<15}  {} ({:.1}x)",
                Millis(took),
                speedup(base, took)
            );
        }
    }
    Ok(())
}
