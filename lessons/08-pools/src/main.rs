//! Lesson 08: pools. Run it with `cargo run -p lesson-08`; `--help` lists the
//! parts.

use std::io::{BufReader, stdin, stdout};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use course_kit::python::{self, Python};
use course_kit::table::Table;
use course_kit::timing::{Millis, build, speedup};
use course_kit::{Args, Lesson, Secs, timed, timeline};
use crossbeam_channel::RecvTimeoutError;
use lesson_08::process_pool::{self, Outcome};
use lesson_08::{background, handmade, map, reduce, sizes, work};
use tracing::info_span;

fn main() -> ExitCode {
    Lesson::new("lesson-08", "Pools")
        .part(
            "map",
            "Pool.map: a parallel iterator over CPU-bound work",
            map_part,
        )
        .part(
            "reduce",
            "map-reduce: count words in parallel, merge the counts",
            reduce_part,
        )
        .part(
            "sizes",
            "how many threads: 1, 2, ... and more than the cores",
            sizes_part,
        )
        .part(
            "background",
            "map_async: start now, wait later with a deadline",
            background_part,
        )
        .part(
            "handmade",
            "what a pool is: threads and one job queue",
            handmade_part,
        )
        .part(
            "processes",
            "a pool of processes: a crash or a hang does not take it down",
            processes_part,
        )
        .option(
            "numbers",
            300_000,
            1..=3_000_000,
            "the CPU-bound work: Collatz steps for 1..=N",
        )
        .option(
            "python-numbers",
            20_000,
            1..=300_000,
            "the map beside Python's Pool.map: Collatz steps for 1..=N",
        )
        .option(
            "lines",
            50_000,
            1..=1_000_000,
            "how many lines of text the word count reads",
        )
        .option(
            "job-deadline-ms",
            300,
            10..=10_000,
            "how long a worker process may take for one job, in ms",
        )
        .role(process_pool::ROLE, pool_worker)
        .run()
}

fn cpus() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// How many times each measurement runs; the fastest run is the one shown.
const RUNS: usize = 3;

/// Times `one` and `other` in turns, `RUNS` times each, and keeps each one's
/// fastest time. The first run of a program also pays for warming up (memory
/// from the OS, the pool's threads starting), and on a busy machine any run may
/// lose the cores for a while. Taking turns means both see the same moments of
/// a busy machine; the fastest run of each is the one least disturbed.
fn best_of_each<A, B>(
    one: impl Fn() -> A,
    other: impl Fn() -> B,
) -> ((A, Duration), (B, Duration)) {
    let (mut a, mut a_best) = timed(&one);
    let (mut b, mut b_best) = timed(&other);
    for _ in 1..RUNS {
        let (again, took) = timed(&one);
        (a, a_best) = (again, a_best.min(took));
        let (again, took) = timed(&other);
        (b, b_best) = (again, b_best.min(took));
    }
    ((a, a_best), (b, b_best))
}

fn map_part(args: &Args) -> Result<()> {
    let last = args.get("numbers");
    println!(
        "Collatz steps for every number from 1 to {last} ({} CPUs here),",
        cpus()
    );
    println!("in an {}:", build());
    let ((alone, one_thread), (pooled, pool)) = best_of_each(
        || map::steps_in_sequence(last),
        || map::steps_in_parallel(last),
    );
    ensure!(alone == pooled, "the pool gave different answers");
    println!("Best of {RUNS} runs each, taking turns:");
    println!("  map on one thread:    {}", Millis(one_thread));
    println!("  par_iter on the pool: {}", Millis(pool));
    println!("  speedup: {:.1}x", speedup(one_thread, pool));
    let (start, steps) = map::longest(&pooled);
    println!("Both gave {} answers in input order;", pooled.len());
    println!("the longest run starts at {start} ({steps} steps).");
    busy_machine_note(speedup(one_thread, pool));
    println!();
    match Python::find() {
        Some(python) => beside_python(&python, args.get("python-numbers")),
        None => {
            println!("{}", python::NOT_FOUND);
            Ok(())
        }
    }
}

/// The same map over `1..=last` in Rust and in Python (`python/pool_map.py`):
/// each row's best of `RUNS` rounds, taking turns, in one table.
fn beside_python(python: &Python, last: u64) -> Result<()> {
    let ((alone, one_thread), (_, pool)) = best_of_each(
        || map::steps_in_sequence(last),
        || map::steps_in_parallel(last),
    );
    let script = python::script(env!("CARGO_MANIFEST_DIR"), "pool_map.py");
    let results = python.run(
        &script,
        &[&format!("--numbers={last}"), &format!("--rounds={RUNS}")],
        Duration::from_secs(300),
    )?;
    let (start, steps) = map::longest(&alone);
    ensure!(
        results.number::<u64>("longest_start")? == start
            && results.number::<u32>("longest_steps")? == steps,
        "Python's answers differ from Rust's"
    );
    println!("The same map over 1..={last} in {},", python.version);
    println!("measured in this run, best of {RUNS} rounds, taking turns:");
    let mut table = Table::new(["", "Rust", "Python", "Python/Rust"]);
    let rows = [
        ("one thread (map)", one_thread, results.seconds("map")?),
        ("pool (Pool.map)", pool, results.seconds("pool")?),
    ];
    for (row, rust, python) in rows {
        table.row([
            row.to_string(),
            Secs(rust).to_string(),
            Secs(python).to_string(),
            format!("{:.0}x", speedup(python, rust)),
        ]);
    }
    print!("{table}");
    let workers = results.get("workers").unwrap_or("?");
    let started = results.get("start_method").unwrap_or("?");
    println!(
        "Rust's pool: {} threads. Python's: {workers} processes,",
        cpus()
    );
    println!("started (by {started}) before the clock, as rayon's was.");
    let (alone, pooled) = (results.seconds("map")?, results.seconds("pool")?);
    if pooled >= alone {
        println!("Note: Python's pool was no faster than its one thread: the");
        println!(
            "Note: CPUs were busy, or the copying cost more than it saved."
        );
    }
    Ok(())
}

/// Says so when the pool was barely faster than one thread, which the
/// machine's cores allow only when other programs keep them busy.
fn busy_machine_note(faster: f64) {
    if cpus() >= 2 && faster < 1.3 {
        println!(
            "Note: the pool was only {faster:.1}x as fast as one thread: other"
        );
        println!(
            "Note: programs kept the cores busy. Try again on a quieter moment."
        );
    }
}

fn reduce_part(args: &Args) -> Result<()> {
    let lines = reduce::sample_text(args.get("lines") as usize, 12);
    println!("Counting the words of {} lines,", lines.len());
    println!("in an {}:", build());
    let ((sequential, one_thread), (parallel, pool)) = best_of_each(
        || reduce::count_words_sequential(&lines),
        || reduce::count_words_parallel(&lines),
    );
    ensure!(sequential == parallel, "the parallel count differs");
    println!("Best of {RUNS} runs each, taking turns:");
    println!("  one thread:            {}", Millis(one_thread));
    println!("  fold + reduce on pool: {}", Millis(pool));
    println!("  speedup: {:.1}x", speedup(one_thread, pool));
    let total: usize = parallel.values().sum();
    println!(
        "Same counts both ways: {total} words, {} different. The top three:",
        parallel.len()
    );
    for (word, count) in reduce::ranked(&parallel).into_iter().take(3) {
        println!("  {word:<8} {count}");
    }
    busy_machine_note(speedup(one_thread, pool));
    Ok(())
}

fn sizes_part(args: &Args) -> Result<()> {
    let last = args.get("numbers");
    let cpus = cpus();
    println!("The same map on pools of different sizes ({cpus} CPUs here),");
    println!("in an {}:", build());
    let mut counts = vec![1, 2, cpus, cpus * 2];
    counts.sort_unstable();
    counts.dedup();
    println!("Best of {RUNS} runs for each size, the sizes taking turns:");
    let mut best: Vec<Option<sizes::Measured>> =
        counts.iter().map(|_| None).collect();
    for round in 1..=RUNS {
        // The picture shows the last round only: all of them would crowd it.
        if round == RUNS {
            timeline::restart();
        }
        for (&threads, best) in counts.iter().zip(&mut best) {
            let plural = if threads == 1 { "" } else { "s" };
            let pool = info_span!(
                "pool",
                message = format!("{threads} thread{plural}")
            );
            let measured =
                pool.in_scope(|| sizes::time_with_threads(threads, last))?;
            if best.as_ref().is_none_or(|b| measured.took < b.took) {
                *best = Some(measured);
            }
        }
    }
    let best: Vec<sizes::Measured> = best.into_iter().flatten().collect();
    for (threads, measured) in counts.iter().zip(&best) {
        ensure!(measured.steps == best[0].steps, "answers differ");
        // No aligned columns: a number's width changes from run to run.
        println!(
            "  {threads} thread{}: {}, speedup {:.1}x, threads that took part: {}",
            if *threads == 1 { "" } else { "s" },
            Millis(measured.took),
            speedup(best[0].took, measured.took),
            measured.busy_threads
        );
    }
    println!("Which worker ran which piece of the work, in round {RUNS}:");
    timeline::show();
    println!(
        "Past {cpus} threads the cores are all busy: more threads only take turns."
    );
    if let Some(two) = best.get(1) {
        busy_machine_note(speedup(best[0].took, two.took));
    }
    let at_cores = counts.iter().position(|&c| c == cpus).unwrap_or(0);
    let most = best.last().expect("measured").took;
    if speedup(best[at_cores].took, most) > 1.2 {
        println!(
            "Note: more threads than cores were faster this time: other programs"
        );
        println!(
            "Note: were using the cores, and more threads got a bigger share."
        );
    }
    Ok(())
}

fn background_part(args: &Args) -> Result<()> {
    let last = args.get("numbers");
    println!(
        "map_in_background over 1..={last}, then other work while it runs:"
    );
    let numbers: Vec<u64> = (1..=last).collect();
    let started = Instant::now();
    let pending = background::map_in_background(numbers, work::collatz_steps);
    println!(
        "  returned after {}; ready: {}",
        Millis(started.elapsed()),
        pending.ready()
    );
    match pending.get(Duration::from_millis(1)) {
        Ok(_) => println!("  get(timeout 1 ms): the result was already there"),
        Err(RecvTimeoutError::Timeout) => {
            println!("  get(timeout 1 ms): timed out; the work goes on")
        }
        Err(error) => return Err(error.into()),
    }
    // The caller's own work, done while the pool computes.
    let other: u64 = (1..=1_000_000).sum();
    println!(
        "  meanwhile this thread summed 1..=1000000: {other}, at {}",
        Millis(started.elapsed())
    );
    let steps = pending.get(Duration::from_secs(30))?;
    println!(
        "  get(timeout 30 s): {} answers, {} after the start",
        steps.len(),
        Millis(started.elapsed())
    );
    Ok(())
}

fn handmade_part(_: &Args) -> Result<()> {
    println!("Twelve jobs of 10 to 60 ms on a hand-made pool of 3 threads:");
    let log = Arc::new(Mutex::new(Vec::new()));
    let (result, took) = timed(|| -> Result<()> {
        let pool = handmade::Pool::new(3)?;
        for job in 1..=12u64 {
            let log = Arc::clone(&log);
            pool.execute(move || {
                let work = Duration::from_millis(10 * (1 + job % 6));
                let me = thread::current().name().unwrap_or("?").to_string();
                // Its lane: the thread's name, short enough for the text
                // timeline.
                let lane = me.trim_start_matches("pool-");
                let _span = info_span!("job", n = job, lane).entered();
                thread::sleep(work);
                log.lock().unwrap().push((me, job, work));
            });
        }
        Ok(()) // dropping the pool here waits for every job
    });
    result?;
    let log = log.lock().unwrap();
    let mut workers: Vec<&String> =
        log.iter().map(|(name, _, _)| name).collect();
    workers.sort();
    workers.dedup();
    for worker in workers {
        let jobs: Vec<String> = log
            .iter()
            .filter(|(name, _, _)| name == worker)
            .map(|(_, job, _)| job.to_string())
            .collect();
        // Joined without spaces, the list reads as one number to the recording
        // check: how many jobs each worker gets changes from run to run.
        println!("  {worker} ran {} jobs: {}", jobs.len(), jobs.join(","));
    }
    let total: Duration = log.iter().map(|(_, _, work)| *work).sum();
    println!(
        "{} jobs, {} of work, done in {}: a free worker takes the next job.",
        log.len(),
        Millis(total),
        Millis(took)
    );
    println!("Which worker ran which job, when:");
    timeline::show();
    Ok(())
}

fn processes_part(args: &Args) -> Result<()> {
    let deadline = args.millis("job-deadline-ms");
    let jobs = [
        "longest-below 10000",
        "longest-below 20000",
        "crash",
        "longest-below 30000",
        "hang",
        "longest-below 40000",
        "longest-below 60000",
        "longest-below 80000",
    ];
    println!(
        "{} jobs on 2 worker processes; a job may take {}:",
        jobs.len(),
        Millis(deadline)
    );
    let (result, took) = timed(|| process_pool::run_jobs(&jobs, 2, deadline));
    let (reports, started) = result?;
    let mut done = 0;
    for report in &reports {
        let outcome = match &report.outcome {
            Outcome::Done(answer) => {
                done += 1;
                format!("done: {answer}")
            }
            Outcome::Crashed(status) => format!("crashed ({status}); replaced"),
            Outcome::KilledAfter(after) => {
                format!("no answer in {}: killed; replaced", Millis(*after))
            }
        };
        println!("  {:<20} worker {}: {outcome}", report.job, report.pid);
    }
    println!(
        "{done} of {} jobs done, {started} worker processes started, in {}.",
        reports.len(),
        Millis(took)
    );
    Ok(())
}

/// The child process of part `processes`: a pool worker reading jobs from
/// stdin.
fn pool_worker(_: &[String]) -> Result<()> {
    // A worker must not outlive the pool, even a pool killed with SIGKILL (when
    // no `ChildGuard` runs): the kernel then kills the worker too.
    course_kit::child::die_with_parent()?;
    // One job crashes its worker on purpose; that must not leave a `core` file
    // behind.
    course_kit::child::without_core_dumps()?;
    process_pool::worker_loop(BufReader::new(stdin()), stdout())
}
