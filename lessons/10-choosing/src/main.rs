//! Lesson 10: which model for which work. Run it with `cargo run -p lesson-10`.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, ensure};
use course_kit::timing::Millis;
use course_kit::timing::speedup;
use course_kit::{Args, Lesson, Table, timed};
use lesson_10::jobs::{self, Job};
use lesson_10::{mixed, models};

fn main() -> ExitCode {
    Lesson::new("lesson-10", "Which model for which work")
        .part(
            "compare",
            "the same CPU-bound and I/O-bound jobs on every model, in one table",
            compare,
        )
        .part(
            "mixed",
            "waiting and computing in one async program",
            mixed_part,
        )
        .option("cpu-jobs", 8, 1..=64, "how many CPU-bound jobs")
        .option(
            "rounds",
            24_000_000,
            1..=48_000_000,
            "the CPU-bound work: rounds, shared by the jobs",
        )
        .option("io-jobs", 50, 1..=200, "how many I/O-bound jobs")
        .option(
            "wait-ms",
            20,
            1..=200,
            "how long each I/O-bound job waits, in ms",
        )
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

/// How many times each CPU-bound measurement runs; the fastest run is shown.
const RUNS: usize = 3;

/// The two workloads, after checking that the options are in range: every job is
/// a thread, a task and a process at once, and a machine runs out of those.
fn workloads(args: &Args) -> Result<(Vec<Job>, Vec<Job>)> {
    let (cpu_jobs, io_jobs) = (args.get("cpu-jobs"), args.get("io-jobs"));
    ensure!(
        (1..=64).contains(&cpu_jobs),
        "--cpu-jobs must be between 1 and 64, not {cpu_jobs}"
    );
    ensure!(
        (1..=1000).contains(&io_jobs),
        "--io-jobs must be between 1 and 1000, not {io_jobs}"
    );
    Ok((
        jobs::compute_jobs(cpu_jobs, args.get("rounds")),
        jobs::wait_jobs(io_jobs, args.get("wait-ms")),
    ))
}

fn compare(args: &Args) -> Result<()> {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (cpu_jobs, io_jobs) = workloads(args)?;
    println!("On this machine ({cpus} CPUs):");
    println!(
        "  CPU-bound: {} jobs that compute, {} rounds each (best of {RUNS} runs)",
        cpu_jobs.len(),
        args.get("rounds") / args.get("cpu-jobs").max(1)
    );
    println!(
        "  I/O-bound: {} jobs that wait {} each",
        io_jobs.len(),
        Millis(Duration::from_millis(args.get("wait-ms")))
    );
    println!();
    let mut table = Table::new(["workload", "model", "time", "speedup"]);
    for (workload, jobs) in [("CPU-bound", &cpu_jobs), ("I/O-bound", &io_jobs)] {
        // Computing is measured several times, the models taking turns, and each
        // model's fastest run kept: other programs on the machine take the cores
        // now and then, and taking turns spreads those moments over every model.
        // A wait is hardly slowed by them, and measured once.
        let runs = if workload == "CPU-bound" { RUNS } else { 1 };
        let mut best: [Option<(u64, Duration)>; MODELS.len()] = [None; MODELS.len()];
        for _ in 0..runs {
            for ((name, model), best) in MODELS.iter().zip(&mut best) {
                let (answer, took) = timed(|| model(jobs));
                let answer = answer?;
                ensure!(
                    best.is_none_or(|(before, _)| before == answer),
                    "{name} gave two answers for the {workload} jobs"
                );
                *best = Some((answer, best.map_or(took, |(_, t)| t.min(took))));
            }
        }
        let best = best.map(|b| b.expect("at least one run"));
        let (expected, baseline) = best[0];
        for ((name, _), (answer, took)) in MODELS.iter().zip(best) {
            ensure!(
                answer == expected,
                "{name} got {answer} for the {workload} jobs"
            );
            table.row([
                workload.to_string(),
                name.to_string(),
                Millis(took).to_string(),
                format!("{:.1}x", speedup(baseline, took)),
            ]);
        }
    }
    print!("{table}");
    println!("(speedup: over the same jobs one at a time)");
    Ok(())
}

fn mixed_part(args: &Args) -> Result<()> {
    let (cpu_jobs, io_jobs) = workloads(args)?;
    println!(
        "{} waits of {} and {} computations, as tasks on one multi-thread runtime",
        io_jobs.len(),
        Millis(Duration::from_millis(args.get("wait-ms"))),
        cpu_jobs.len()
    );
    println!("(best of {RUNS} runs: the one whose waits were done first):");
    let mut expected = None;
    for (off_the_runtime, how) in [
        (false, "computing on the runtime's threads"),
        (true, "computing sent to spawn_blocking  "),
    ] {
        let mut best: Option<mixed::Mixed> = None;
        for _ in 0..RUNS {
            let run = mixed::waits_beside_computing(&io_jobs, &cpu_jobs, off_the_runtime)?;
            if best.is_none_or(|b| run.waits_done < b.waits_done) {
                best = Some(run);
            }
        }
        let best = best.expect("at least one run");
        ensure!(
            *expected.get_or_insert(best.answer) == best.answer,
            "{how} got {}",
            best.answer
        );
        println!(
            "  {how}: waits done in {}, everything in {}",
            Millis(best.waits_done),
            Millis(best.all_done)
        );
    }
    Ok(())
}
