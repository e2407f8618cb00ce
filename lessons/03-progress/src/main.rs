//! Lesson 03: progress and stopping. Run it with `cargo run -p lesson-03`;
//! `--help` lists the parts.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, ensure};
use course_kit::{Args, Lesson, Secs, child, timeline};
use lesson_03::status::StatusLine;
use lesson_03::{bars, messages, shared, stop};

fn main() -> ExitCode {
    Lesson::new("lesson-03", "Progress and stopping")
        .part(
            "shared",
            "progress in an atomic counter that main polls",
            shared_counter,
        )
        // Main looks a varying number of times: one progress line more or less.
        .repeats_vary()
        .part("several", "progress of several jobs on one line", several)
        // Here too: one progress line more or less.
        .repeats_vary()
        .part(
            "messages",
            "progress as messages, then the result",
            messages,
        )
        .part(
            "bars",
            "progress bars from the indicatif crate",
            progress_bars,
        )
        .part(
            "stop",
            "asking a worker to stop: a flag, a channel",
            stop_worker,
        )
        .part("exit", "main returning ends the threads: no cleanup", exit)
        // The worker indexes a file more or less before main stops it.
        .repeats_vary()
        .option("files", 20, 1..=500, "how many files each worker indexes")
        .option("step-ms", 25, 0..=100, "how long one file takes, in ms")
        .role("indexer", indexer)
        .run()
}

/// The size of the simulated work: `--files` and `--step-ms`, within limits
/// that keep every part meaningful (and the arithmetic on them from
/// overflowing).
fn work(args: &Args) -> Result<(u32, Duration)> {
    let files = args.get("files");
    ensure!(
        (1..=10_000).contains(&files),
        "--files must be from 1 to 10000, not {files}"
    );
    let step = args.get("step-ms");
    ensure!(
        step <= 10_000,
        "--step-ms must be at most 10000, not {step}"
    );
    Ok((files as u32, Duration::from_millis(step)))
}

fn shared_counter(args: &Args) -> Result<()> {
    let (files, step) = work(args)?;
    let every = step * 2;
    println!(
        "A worker indexes {}, {} each; main looks every {}:",
        plural(files, "file"),
        Secs(step),
        Secs(every)
    );
    let mut line = StatusLine::new();
    let (indexed, seen) = shared::watch(files, step, every, |done| {
        line.show(&format!("  indexed {done} of {}", plural(files, "file")))
    });
    line.finish();
    let mut distinct = seen.clone();
    distinct.dedup();
    let last = seen.last().copied().unwrap_or(0);
    println!(
        "The worker returned {indexed}; the counter read after join: {last}."
    );
    println!(
        "Main looked {} times (the last after join) and saw {} different counts;",
        seen.len(),
        distinct.len()
    );
    println!("the worker counted to {files} one by one.");
    Ok(())
}

fn several(args: &Args) -> Result<()> {
    let (files, step) = work(args)?;
    let jobs = [
        shared::Job::new("thumbnails", files),
        shared::Job::new("search", files * 3 / 5),
        shared::Job::new("backup", files * 2 / 5),
    ];
    println!("Three jobs of different sizes, one line for all of them:");
    let mut line = StatusLine::new();
    let results = shared::watch_all(&jobs, step, step * 2, |text| {
        line.show(&format!("  {text}"))
    });
    line.finish();
    for (job, result) in jobs.iter().zip(results) {
        println!("  {} returned {result} ({}%)", job.name, job.percent());
    }
    Ok(())
}

fn messages(args: &Args) -> Result<()> {
    // A quarter of the files: every event gets a line, and two workers' worth
    // is plenty.
    let (files, step) = work(args)?;
    let files = (files / 4).max(1);
    println!(
        "Two workers send an event per file, then their result, over one channel:"
    );
    let mut line = StatusLine::new();
    let (results, received) = messages::receive_all(2, files, step, |done| {
        line.show(&format!("  worker 0: {}   worker 1: {}", done[0], done[1]))
    });
    line.finish();
    println!("Results: {results:?}");
    println!(
        "Main received {received} progress events: all {} that were sent.",
        2 * files
    );
    Ok(())
}

fn progress_bars(args: &Args) -> Result<()> {
    let (files, step) = work(args)?;
    let files = u64::from(files);
    let jobs = [
        ("thumbnails", files),
        ("search", files * 3 / 5),
        ("backup", files * 2 / 5),
    ];
    println!("Three jobs, three bars (drawn on stderr, in a terminal only):");
    let (finished, drawn) = bars::run_with_bars(&jobs, step)?;
    for job in &finished {
        println!(
            "  {:<10} {}/{} in {}",
            job.name,
            job.position,
            job.length,
            Secs(job.took)
        );
    }
    println!(
        "Bars drawn: {drawn} (stderr {} a terminal).",
        if drawn { "is" } else { "is not" }
    );
    Ok(())
}

fn stop_worker(args: &Args) -> Result<()> {
    let (files, step) = work(args)?;
    // Ask for a stop in the middle of a file, 40% of the way through the job.
    let deadline = step * files * 2 / 5 + step / 2;
    println!(
        "A worker indexes {}, {} each; main asks it to stop after {}.",
        plural(files, "file"),
        Secs(step),
        Secs(deadline)
    );
    let (partial, flag) = stop::stop_with_flag(files, step, deadline);
    report_stop("with a flag:   ", partial, files, flag);
    let (partial, channel) = stop::stop_with_channel(files, step, deadline);
    report_stop("with a channel:", partial, files, channel);
    println!("Each worker returned the work it had finished through join.");
    println!("Who worked when (█▓ are files, | is main's request to stop):");
    timeline::show();
    if channel > step / 2 {
        println!(
            "Note: the channel worker should stop at once; was the machine busy?"
        );
    }
    Ok(())
}

fn report_stop(
    how: &str,
    partial: stop::Partial,
    files: u32,
    latency: Duration,
) {
    if partial.stopped {
        println!(
            "  {how} stopped after {} of {}, {} after the request",
            partial.indexed,
            plural(files, "file"),
            millis(latency)
        );
    } else {
        // The request came after the last check: after the worker had finished,
        // or (for the flag) during the last file, where no check follows.
        println!(
            "  {how} indexed {files} of {}: it never saw the request",
            plural(files, "file")
        );
    }
}

/// "1 file", "20 files".
fn plural(count: u32, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

fn exit(args: &Args) -> Result<()> {
    let (_, step) = work(args)?;
    for mode in ["return", "stop"] {
        println!(
            "A child process whose main {}:",
            if mode == "return" {
                "returns while its worker runs"
            } else {
                "sets the stop flag and joins first"
            }
        );
        let output = child::run_role(
            "indexer",
            &[mode, &step.as_millis().to_string()],
            Duration::from_secs(30),
        )?;
        child::ended_well(output.status, "the indexer child")?;
        let printed = String::from_utf8_lossy(&output.stdout);
        for line in printed.lines() {
            println!("  | {line}");
        }
        println!("  -> cleanup ran: {}", printed.contains("cleanup ran"));
    }
    Ok(())
}

/// The child process of part `exit`: `indexer return|stop STEP_MS`.
fn indexer(args: &[String]) -> Result<()> {
    let stop_first = args.first().map(String::as_str) == Some("stop");
    let step: u64 = args.get(1).map_or(Ok(25), |ms| ms.parse())?;
    stop::worker_then_return(stop_first, 100, Duration::from_millis(step));
    Ok(())
}

/// A short duration always in milliseconds, so that "0.1 ms" and "13.8 ms"
/// read side by side (and a recording does not switch units between runs).
fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1e3)
}
