//! Lesson 09: async with tokio. Run it with `cargo run -p lesson-09`; `--help`
//! lists the parts.

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Result, ensure};
use course_kit::timing::Millis;
use course_kit::timing::speedup;
use course_kit::{Args, Lesson, timed, timeline};
use lesson_09::blocking::{self, Wait};
use lesson_09::gather::{self, Ended};
use lesson_09::{cancel, commands, echo, many, nested, timing};
use tokio::runtime::{Builder, Runtime};
use tracing::info_span;

fn main() -> ExitCode {
    Lesson::new("lesson-09", "Async")
        .part(
            "timing",
            "three calls that wait: one after another, then together",
            timing_part,
        )
        .part(
            "gather",
            "join!, JoinSet, and keeping every failure",
            gather_part,
        )
        .part(
            "commands",
            "commands run concurrently, with exit codes and output",
            commands_part,
        )
        .part(
            "echo",
            "a TCP echo server and many clients at once, on one thread",
            echo_part,
        )
        .part(
            "blocking",
            "one blocking call stalls every task; spawn_blocking",
            blocking_part,
        )
        .part("nested", "a runtime inside a runtime", nested_part)
        .part("timeout", "timeouts and cancellation", timeout_part)
        .part(
            "many",
            "ten thousand sleeping tasks vs ten thousand threads",
            many_part,
        )
        .part(
            "select",
            "select!: racing, a timeout, a shutdown",
            select_part,
        )
        .repeats_vary()
        .part(
            "cancel-safe",
            "a select! branch dropped mid-read loses data",
            cancel_safe_part,
        )
        .part(
            "channels",
            "a bounded channel holds a fast producer back",
            channels_part,
        )
        .part(
            "handles",
            "tasks outlive their handles: drop, abort, JoinSet",
            handles_part,
        )
        .part("limit", "a Semaphore: 1000 fetches, 50 at once", limit_part)
        .option(
            "wait-ms",
            50,
            1..=5000,
            "how long each step of part timing waits, in ms",
        )
        .option(
            "clients",
            200,
            1..=400,
            "how many clients connect to the echo server at once",
        )
        .option(
            "think-ms",
            100,
            0..=5000,
            "how long each echo client waits before sending, in ms",
        )
        .option(
            "block-ms",
            200,
            1..=5000,
            "how long part blocking waits, in ms",
        )
        .option(
            "tasks",
            10_000,
            1..=10_000,
            "how many tasks, then threads, part many starts",
        )
        .option(
            "sleep-ms",
            200,
            0..=5000,
            "how long each of them sleeps, in ms",
        )
        .run()
}

/// A runtime on this one thread, with timers and I/O: every part but `many`
/// runs on one.
fn one_thread() -> std::io::Result<Runtime> {
    Builder::new_current_thread().enable_all().build()
}

fn timing_part(args: &Args) -> Result<()> {
    let wait = args.millis("wait-ms");
    println!(
        "Three calls, each saying one, two, three with a wait of {} between:",
        Millis(wait)
    );
    let runtime = one_thread()?;
    let log = Mutex::new(Vec::new());
    let ((), apart) = info_span!("one after another").in_scope(|| {
        timed(|| runtime.block_on(timing::one_after_another(wait, &log)))
    });
    println!("  one after another: {}", log.lock().unwrap().join(" "));
    println!("    took {}", Millis(apart));
    log.lock().unwrap().clear();
    let ((), together) = info_span!("join!").in_scope(|| {
        timed(|| runtime.block_on(timing::concurrently(wait, &log)))
    });
    println!("  with join!:        {}", log.lock().unwrap().join(" "));
    println!("    took {}", Millis(together));
    let faster = speedup(apart, together);
    println!(
        "Together was {faster:.1}x faster, on one thread: every wait overlapped."
    );
    if faster < 2.0 {
        println!(
            "Note: three times as fast was possible; was the machine busy?"
        );
    }
    println!("Who waited when (main ran both rounds; each call waited twice):");
    timeline::show();
    Ok(())
}

fn gather_part(_: &Args) -> Result<()> {
    let runtime = one_thread()?;
    let ((user, unread, friends), took) =
        timed(|| runtime.block_on(gather::profile_page()));
    println!(
        "join! of three different futures (60, 40 and 50 ms), in {}:",
        Millis(took)
    );
    println!("  {}, {unread} unread, friends {friends:?}", user?);
    let names = [
        "index",
        "broken-feed",
        "search",
        "buggy-avatar",
        "news",
        "broken-ads",
    ];
    println!(
        "A JoinSet of {} fetches, two failing and one panicking (message on stderr):",
        names.len()
    );
    let (ended, took) = timed(|| runtime.block_on(gather::fetch_all(&names)));
    for (name, how) in &ended {
        match how {
            Ended::Answer(answer) => println!("  {name:<13} ok: {answer}"),
            Ended::Failed(error) => println!("  {name:<13} failed: {error}"),
            Ended::Panicked => println!("  {name:<13} panicked"),
        }
    }
    let ok = ended
        .iter()
        .filter(|(_, how)| matches!(how, Ended::Answer(_)))
        .count();
    println!(
        "{} of {} finished, {ok} with an answer, in {}.",
        ended.len(),
        names.len(),
        Millis(took)
    );
    let (result, took) = timed(|| runtime.block_on(gather::all_or_nothing()));
    match result {
        Ok(_) => println!("try_join!: every fetch succeeded"),
        Err(error) => println!(
            "try_join! gave up at the first error, after {}:\n  {error}",
            Millis(took)
        ),
    }
    Ok(())
}

fn commands_part(_: &Args) -> Result<()> {
    // Programs found on any Linux; their output is the same everywhere.
    let lines: [&[&str]; 8] = [
        &["echo", "hello from echo"],
        &["uname", "-s"],
        &["sh", "-c", "sleep 0.2; echo slept 200 ms"],
        &["sh", "-c", "sleep 0.2; echo also slept 200 ms"],
        &["false"],
        &["sh", "-c", "echo disk almost full >&2; exit 3"],
        &["no-such-program"],
        &["sleep", "30"],
    ];
    let deadline = Duration::from_millis(600);
    println!(
        "{} commands, started together, each given {}:",
        lines.len(),
        Millis(deadline)
    );
    let runtime = one_thread()?;
    let (reports, took) =
        timed(|| runtime.block_on(commands::run_all(&lines, deadline)));
    for ran in &reports {
        let exit = match &ran.exit {
            Ok(code) => format!("exit code {code}"),
            Err(why) => why.clone(),
        };
        println!("  $ {}  ->  {exit}", ran.command);
        for line in ran.stdout.lines() {
            println!("      stdout: {line}");
        }
        for line in ran.stderr.lines() {
            println!("      stderr: {line}");
        }
    }
    let failed = reports.iter().filter(|r| r.exit != Ok(0)).count();
    println!(
        "{} commands, {failed} failed, in {} (they all ran at once).",
        reports.len(),
        Millis(took)
    );
    Ok(())
}

fn echo_part(args: &Args) -> Result<()> {
    let clients = args.get("clients") as usize;
    // Each client is two open sockets in this one process: stay well inside the
    // usual limit on open files.
    ensure!(
        (1..=2000).contains(&clients),
        "--clients must be between 1 and 2000, not {clients}"
    );
    let think = args.millis("think-ms");
    println!(
        "An echo server on 127.0.0.1, and {clients} clients that each wait {}\nbefore sending:",
        Millis(think)
    );
    let runtime = one_thread()?;
    let (result, took) =
        timed(|| runtime.block_on(echo::echo_exchange(clients, think)));
    let (echoed, peak) = result?;
    println!("  {echoed} of {clients} clients got their own line back");
    println!("  the server had up to {peak} connections open at once");
    println!(
        "  all in {}, on one thread (one after another: at least {})",
        Millis(took),
        Millis(think * clients as u32)
    );
    ensure!(echoed == clients, "some clients got no echo");
    Ok(())
}

fn blocking_part(args: &Args) -> Result<()> {
    let wait = args.millis("block-ms");
    println!(
        "A task ticks every 10 ms on a one-thread runtime while another waits {}:",
        Millis(wait)
    );
    for (how, label) in [
        (Wait::BlockTheThread, "std::thread::sleep (blocks)  "),
        (Wait::AwaitASleep, "tokio::time::sleep().await   "),
        (Wait::SpawnBlocking, "spawn_blocking(thread::sleep)"),
    ] {
        let ticks = blocking::ticks_during(how, wait)?;
        println!("  {label}: {ticks} ticks");
    }
    println!(
        "About {} ticks fit in {}; a blocked thread runs no task at all.",
        wait.as_millis() / 10,
        Millis(wait)
    );
    println!(
        "When the ticker started and ticked (|), and the waits, round by round:"
    );
    timeline::show();
    Ok(())
}

fn nested_part(_: &Args) -> Result<()> {
    println!(
        "A function that starts its own runtime, called from inside a task:"
    );
    match nested::runtime_in_runtime() {
        Ok(value) => println!("  it returned {value}"),
        Err(message) => {
            let first = message.split(". ").next().unwrap_or(&message);
            println!("  it panicked: {first}.");
        }
    }
    println!("The same function called through spawn_blocking:");
    println!("  it returned {}", nested::runtime_on_a_blocking_thread()?);
    Ok(())
}

fn timeout_part(_: &Args) -> Result<()> {
    let runtime = one_thread()?;
    let step = Duration::from_millis(20);
    println!("A lookup of 10 steps of {}, given 500 ms:", Millis(step));
    let outcome = runtime.block_on(cancel::lookup_with_timeout(
        step,
        Duration::from_millis(500),
    ));
    println!("  -> {outcome:?}");
    println!("The same lookup, given 70 ms:");
    let outcome = runtime
        .block_on(cancel::lookup_with_timeout(step, Duration::from_millis(70)));
    println!("  -> {outcome:?}");
    println!("A spawned counter task, aborted after 100 ms:");
    let (at_abort, later, how) =
        runtime.block_on(cancel::abort_a_counter(Duration::from_millis(100)));
    println!("  count at abort: {at_abort}; 100 ms later: {later};");
    println!("  awaiting it: {how}");
    Ok(())
}

fn many_part(args: &Args) -> Result<()> {
    let count = args.get("tasks") as usize;
    // Tens of thousands of threads can exhaust a machine: that is the point of
    // the part, but it should not become the reader's problem.
    ensure!(
        count <= 20_000,
        "--tasks is at most 20000 here (each thread is a real OS thread), not {count}"
    );
    let sleep = args.millis("sleep-ms");
    println!(
        "{count} tasks, then {count} threads, each sleeping {}:",
        Millis(sleep)
    );
    let tasks = many::sleeping_tasks(count, sleep)?;
    let threads = many::sleeping_threads(count, sleep)?;
    for (label, crowd) in [("tasks  ", &tasks), ("threads", &threads)] {
        println!(
            "  {label}: started in {}, all done in {}, OS threads: {},",
            Millis(crowd.start),
            Millis(crowd.total),
            crowd.os_threads
        );
        println!(
            "           memory +{} kB ({} bytes each)",
            crowd.memory_kb,
            crowd.memory_kb * 1024 / count.max(1) as u64,
        );
    }
    println!(
        "Each thread cost {:.0}x the memory of a task.",
        threads.memory_kb as f64 / tasks.memory_kb.max(1) as f64
    );
    Ok(())
}

// Issue 14: select! and cancellation, channels, task handles, a limit.

use lesson_09::frames::{self, Reader};
use lesson_09::{channels, handles, limit, select};

fn select_part(_: &Args) -> Result<()> {
    let runtime = one_thread()?;
    let (fast, slow) = (Duration::from_millis(5), Duration::from_millis(15));
    println!(
        "select! races a fetch in steps of {} against one in steps of {}:",
        Millis(fast),
        Millis(slow)
    );
    let page = runtime.block_on(select::race(fast, slow));
    println!("  select! returned {page}");
    let quiet = Duration::from_millis(40);
    println!(
        "A loop that selects a job, {} of quiet, or shutdown:",
        Millis(quiet)
    );
    let done = runtime.block_on(select::serve_three_jobs(quiet));
    ensure!(done == 3, "serve did {done} jobs, not 3");
    Ok(())
}

fn cancel_safe_part(_: &Args) -> Result<()> {
    let runtime = one_thread()?;
    let (count, gap, tick) =
        (20, Duration::from_millis(1), Duration::from_millis(5));
    println!(
        "{count} frames (a header, then {} later its body), read beside",
        Millis(gap)
    );
    println!("a ticker that fires every {}:", Millis(tick));
    for (reader, label) in [
        (Reader::TwoAwaits, "read_frame, two awaits"),
        (Reader::CancelSafe, "next_line, header kept"),
    ] {
        let got =
            runtime.block_on(frames::frames_through(reader, count, gap, tick));
        println!(
            "  {label}: {} whole, {} lost, the ticker won {} times",
            got.whole, got.orphans, got.ticks
        );
    }
    Ok(())
}

fn channels_part(_: &Args) -> Result<()> {
    let runtime = one_thread()?;
    let (count, capacity) = (100, 10);
    let every = Duration::from_millis(1);
    println!(
        "A producer sends {count} readings of 1 KiB at once; the consumer takes"
    );
    println!("one per {}:", Millis(every));
    let held = runtime.block_on(channels::bounded(count, capacity, every));
    let free = runtime.block_on(channels::unbounded(count, every));
    for (label, queue) in [
        (format!("channel({capacity}):"), held),
        ("unbounded_channel():".to_string(), free),
    ] {
        let most = queue.most.get();
        println!(
            "  {label:<20} at most {most} waiting ({most} KiB); the producer"
        );
        println!(
            "    was done when the consumer had taken {} of {count}",
            queue.taken_when_done.get()
        );
    }
    Ok(())
}

fn handles_part(_: &Args) -> Result<()> {
    let runtime = one_thread()?;
    let step = Duration::from_millis(10);
    println!("Each job takes 5 steps of {}.", Millis(step));
    println!("Spawned, and its JoinHandle dropped at once:");
    runtime.block_on(handles::detached(step));
    println!("Spawned, and aborted after 2.5 steps:");
    runtime.block_on(handles::aborted(step));
    println!("Three in a JoinSet, dropped after 2.5 steps:");
    runtime.block_on(handles::set_dropped(step));
    Ok(())
}

fn limit_part(args: &Args) -> Result<()> {
    let (count, most) = (1000, 50);
    println!(
        "{count} fetches of 5 to 15 ms each, at most {most} at once \
         (Semaphore::new({most})):"
    );
    let runtime = one_thread()?;
    let ((fetched, flight), took) =
        timed(|| runtime.block_on(limit::fetch_all(count, most)));
    println!("  {fetched} fetched in {}", Millis(took));
    println!("  most in flight at once: {}", flight.most());
    let samples: Vec<String> = (0..10)
        .map(|tenth| flight.end() * (2 * tenth + 1) / 20)
        .map(|at| flight.at(at).to_string())
        .collect();
    println!("  in flight in the middle of each tenth of the run:");
    println!("    {}", samples.join(" "));
    let title =
        format!("lesson-09 limit: {count} fetches, at most {most} at once");
    args.write_svg(&limit::chart(&flight, most, &title))?;
    Ok(())
}
