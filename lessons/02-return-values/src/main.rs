//! Lesson 02: return values. Run it with `cargo run -p lesson-02`; `--help`
//! lists the parts.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use course_kit::{Args, Lesson, Secs, timed, timeline};
use lesson_02::{errors, future, gather, scoped};

fn main() -> ExitCode {
    Lesson::new("lesson-02", "Return values")
        .part(
            "join",
            "join hands back each thread's value, in order",
            join,
        )
        .part(
            "errors",
            "a worker that returns Err, and one that panics",
            errors,
        )
        .part(
            "scoped",
            "scoped threads return values borrowed from the caller",
            scoped,
        )
        .part("poll", "start a job, keep busy, ask if it is done", poll)
        .part(
            "oneshot",
            "a result with a deadline: a one-shot channel",
            oneshot,
        )
        .part("never", "a result that never comes", never)
        .option(
            "wait-ms",
            100,
            10..=5000,
            "how long the slow jobs wait, in ms",
        )
        .run()
}

/// `--wait-ms`, within limits: long enough for a deadline to pass before the
/// job is done, short enough that the arithmetic on it cannot overflow.
fn wait(args: &Args) -> Result<Duration> {
    let millis = args.get("wait-ms");
    ensure!(
        (10..=10_000).contains(&millis),
        "--wait-ms must be from 10 to 10000, not {millis}"
    );
    Ok(Duration::from_millis(millis))
}

fn join(args: &Args) -> Result<()> {
    let wait = wait(args)?;
    let texts: Vec<&str> =
        gather::DOCUMENTS.iter().map(|(_, text)| *text).collect();
    // The first document waits longest, so its thread finishes last.
    let waits = [wait * 3, wait * 2, wait];
    println!(
        "Three threads count words; the first waits longest, the last shortest:"
    );
    let (results, took) = timed(|| gather::count_all(&texts, &waits));
    for ((name, _), (words, finished)) in gather::DOCUMENTS.iter().zip(&results)
    {
        println!(
            "  {name:<9} {words:>2} words  (its thread finished after {})",
            Secs(*finished)
        );
    }
    println!("The results came back in the order the handles were joined,");
    println!("not in the order they ended.");
    let one_by_one: Duration = waits.iter().sum();
    println!(
        "All three took {} together; one after the other they would wait {}.",
        Secs(took),
        Secs(one_by_one)
    );
    Ok(())
}

fn errors(_: &Args) -> Result<()> {
    let sensors = [
        ("kitchen", vec!["21.5", "22.0", "20.9"]),
        ("garage", vec!["12.1", "n/a", "11.8"]),
        ("attic", vec![]),
    ];
    println!(
        "Three sensors, each on its own thread (a panic's message goes to stderr):"
    );
    let handles: Vec<_> = sensors
        .iter()
        .map(|(sensor, readings)| {
            (sensor, errors::median_on_thread(sensor, readings.clone()))
        })
        .collect();
    for (sensor, handle) in handles {
        println!("  {sensor:<8} {}", errors::describe(handle));
    }
    println!("With value_of, both failures are errors for `?`:");
    for (sensor, readings) in sensors {
        match errors::value_of(errors::median_on_thread(sensor, readings)) {
            Ok(median) => println!("  Ok({median})"),
            Err(error) => println!("  Err({error:#})"),
        }
    }
    Ok(())
}

fn scoped(_: &Args) -> Result<()> {
    let (first, second) = scoped::longest_in_halves(scoped::LOG);
    println!(
        "Two scoped threads each found the longest line in half of an {}-line log:",
        scoped::LOG.lines().count()
    );
    for line in [first, second] {
        println!("  {line:?}");
        println!(
            "    {} bytes, borrowed from the log (no copy): {}",
            line.len(),
            scoped::points_into(scoped::LOG, line)
        );
    }
    Ok(())
}

fn poll(args: &Args) -> Result<()> {
    let wait = wait(args)? * 2;
    let tick = Duration::from_millis(30);
    println!(
        "A pricing job that takes {}; main checks on it every {}:",
        Secs(wait),
        Secs(tick)
    );
    let ((total, rounds), took) = timed(|| {
        // On main's lane, around its rounds; it also puts main's lane first.
        let _span = tracing::info_span!("start to value").entered();
        future::poll_until_finished(vec![1999, 2500, 499], wait, tick)
    });
    let rounds_word = if rounds == 1 { "round" } else { "rounds" };
    println!(
        "  main did {rounds} {rounds_word} of its own work while the job ran"
    );
    println!("  the job returned {total} cents after {}", Secs(took));
    println!("Who worked when (main's rounds take turns: █▓█▓):");
    timeline::show();
    Ok(())
}

fn oneshot(args: &Args) -> Result<()> {
    let wait = wait(args)? * 3;
    println!(
        "Submitted a job that takes {}; main works on, then waits with deadlines:",
        Secs(wait)
    );
    let submitted = Instant::now();
    // On main's lane, around what follows; it also puts main's lane first.
    let whole = tracing::info_span!("submit to value").entered();
    let pending = future::submit(move || {
        future::total_price(vec![1999, 2500, 499], wait)
    });
    // Main's own work while the job runs: counting a document's words.
    let (name, text) = gather::DOCUMENTS[0];
    let (words, busy) = timed(|| {
        let _span = tracing::info_span!("own work").entered();
        gather::count_words(text, wait / 3)
    });
    println!(
        "  main's own work meanwhile: counted {words} words of {name} in {}",
        Secs(busy)
    );
    let (early, took) = timed(|| pending.wait_timeout(wait / 3));
    println!("  then waited {} for the value: {early:?}", Secs(took));
    if early.is_ok() {
        // Main's work and first wait were meant to end before the job did.
        println!(
            "Note: the value came before the first deadline, after {} of \
             main's own work (meant to take {}): was the machine busy?",
            Secs(busy),
            Secs(wait / 3)
        );
    } else {
        let (late, took) = timed(|| pending.wait_timeout(wait * 10));
        println!(
            "  waited up to {} more: {late:?} after {}",
            Secs(wait * 10),
            Secs(took)
        );
    }
    let total = submitted.elapsed();
    drop(whole);
    println!(
        "  from submit to value: {}, main's {} of own work inside it",
        Secs(total),
        Secs(busy)
    );
    if early.is_err() && total > wait + busy / 2 {
        println!(
            "Note: longer than the job itself: was the machine busy this time?"
        );
    }
    println!("Who waited when:");
    timeline::show();
    let failed =
        future::submit(|| -> u32 { panic!("the price list is empty") });
    println!(
        "A job that panics (message on stderr): wait() gave {:?}",
        failed.wait()
    );
    Ok(())
}

fn never(args: &Args) -> Result<()> {
    let deadline = wait(args)? * 3;
    println!("A worker panics before sending its result (messages on stderr).");
    // A closed channel ends this wait at once; the long deadline only guards
    // against a slow panic (printing a backtrace can take a while).
    let (outcome, took) =
        timed(|| future::result_of_a_crash(false, Duration::from_secs(20)));
    println!(
        "  only the worker held a sender: waiting ended with {outcome:?} after {:.1} ms",
        // Always in ms (never µs), so the two lines compare at a glance.
        took.as_secs_f64() * 1e3
    );
    let (outcome, took) = timed(|| future::result_of_a_crash(true, deadline));
    println!(
        "  main kept a sender too:        waiting ended with {outcome:?} after {:.1} ms",
        took.as_secs_f64() * 1e3
    );
    println!(
        "With recv() instead of recv_timeout(), the second wait would never end."
    );
    Ok(())
}
