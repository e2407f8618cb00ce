//! Lesson 09: async with tokio. Run it with `cargo run -p lesson-09`; `--help`
//! lists the parts.

use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Result, ensure};
use course_kit::python::{self, Python};
use course_kit::table::Table;
use course_kit::timing::Millis;
use course_kit::timing::speedup;
use course_kit::{Args, Lesson, timed, timeline};
use lesson_09::blocking::{self, Wait};
use lesson_09::frames::{self, Reader};
use lesson_09::gather::{self, Ended};
use lesson_09::many::Memory;
use lesson_09::poll::Slow;
use lesson_09::{
    cancel, channels, commands, echo, handles, limit, many, nested, select,
    stuck, timing,
};
use tokio::runtime::{Builder, Runtime};
use tracing::info_span;

fn main() -> ExitCode {
    Lesson::new("lesson-09", "Async")
        .part(
            "poll",
            "a future does nothing until it is polled",
            poll_part,
        )
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
            "5000 sleeping tasks vs 5000 threads, and asyncio",
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
        // Last: the thread it leaves stuck would count in part many.
        .part(
            "stuck",
            "a std lock held across .await on one thread: a deadlock",
            stuck_part,
        )
        .option(
            "wait-ms",
            30,
            1..=5000,
            "how long each step of part timing waits, in ms",
        )
        .option(
            "deadline-ms",
            300,
            50..=10_000,
            "how long part commands gives each command, in ms",
        )
        .option(
            "clients",
            200,
            1..=400,
            "how many clients connect to the echo server at once",
        )
        .option(
            "think-ms",
            50,
            0..=5000,
            "how long each echo client waits before sending, in ms",
        )
        .option(
            "block-ms",
            100,
            1..=5000,
            "how long part blocking waits, in ms",
        )
        .option(
            "tasks",
            5_000,
            1..=10_000,
            "how many tasks, then threads, part many starts",
        )
        .option(
            "sleep-ms",
            100,
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

fn poll_part(_: &Args) -> Result<()> {
    let runtime = one_thread()?;
    println!("A hand-written future, ready on its 3rd poll:");
    let (slow, polls) = Slow::new(3, true);
    std::thread::sleep(Duration::from_millis(20));
    let so_far = polls.load(Ordering::Relaxed);
    println!("  made, then left alone for 20 ms: polled {so_far} times");
    println!("  awaited on a one-thread runtime:");
    // `block_on(slow)` would poll it the same way; the `.await` is the point.
    #[allow(clippy::redundant_async_block)]
    let value = runtime.block_on(async { slow.await });
    println!(
        "  .await returned {value}, after {} polls",
        polls.load(Ordering::Relaxed)
    );
    let limit = Duration::from_millis(50);
    println!(
        "The same future when nobody wakes it, given {}:",
        Millis(limit)
    );
    let (slow, polls) = Slow::new(3, false);
    let outcome =
        runtime.block_on(async { tokio::time::timeout(limit, slow).await });
    let polls = polls.load(Ordering::Relaxed);
    match outcome {
        Ok(value) => println!("  it returned {value}, after {polls} polls"),
        Err(_) => println!("  timed out, after {polls} polls in all"),
    }
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

fn commands_part(args: &Args) -> Result<()> {
    // Programs found on any Linux; their output is the same everywhere.
    let lines: [&[&str]; 8] = [
        &["echo", "hello from echo"],
        &["uname", "-s"],
        &["sh", "-c", "sleep 0.1; echo slept 100 ms"],
        &["sh", "-c", "sleep 0.1; echo also slept 100 ms"],
        &["false"],
        &["sh", "-c", "echo disk almost full >&2; exit 3"],
        &["no-such-program"],
        &["sleep", "30"],
    ];
    let deadline = args.millis("deadline-ms");
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
        "{} commands, {failed} failed, in {}.",
        reports.len(),
        Millis(took)
    );
    // One after another, each would start after the last one ended.
    let ran: Vec<&commands::Ran> = reports
        .iter()
        .filter(
            |r| !matches!(&r.exit, Err(why) if why.starts_with("could not")),
        )
        .collect();
    let last_start = ran.iter().map(|r| r.started).max();
    let first_end = ran.iter().map(|r| r.ended).min();
    if last_start < first_end {
        println!(
            "The {} that ran were all started before the first of them ended.",
            ran.len()
        );
    } else {
        println!("Note: one command ended before the last one was started.");
    }
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

fn stuck_part(_: &Args) -> Result<()> {
    println!("Two visits at once, with join!, on a one-thread runtime:");
    // Stuck is for ever: a short look shows it. Done takes 20 ms; the time
    // limit is there only for a machine too busy to run it at once.
    for (async_lock, label, limit) in [
        (false, "std::sync::Mutex  ", 100),
        (true, "tokio::sync::Mutex", 10_000),
    ] {
        let limit = Duration::from_millis(limit);
        match stuck::two_visits_within(async_lock, limit) {
            Some(count) => println!("  {label}: done, count {count}"),
            None => println!(
                "  {label}: still stuck after {}: a deadlock",
                Millis(limit)
            ),
        }
    }
    println!("The stuck thread stays blocked until the process ends.");
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
    let step = Duration::from_millis(10);
    println!("A lookup of 10 steps of {}, given 300 ms:", Millis(step));
    let outcome = runtime.block_on(cancel::lookup_with_timeout(
        step,
        Duration::from_millis(300),
    ));
    println!("  -> {outcome:?}");
    println!("The same lookup, given 35 ms:");
    let outcome = runtime
        .block_on(cancel::lookup_with_timeout(step, Duration::from_millis(35)));
    println!("  -> {outcome:?}");
    let run_for = Duration::from_millis(50);
    println!("A spawned counter task, aborted after {}:", Millis(run_for));
    let (at_abort, later, how) =
        runtime.block_on(cancel::abort_a_counter(run_for));
    println!(
        "  count at abort: {at_abort}; {} later: {later};",
        Millis(run_for)
    );
    println!("  awaiting it: {how}");
    Ok(())
}

fn many_part(args: &Args) -> Result<()> {
    let count = args.get("tasks") as usize;
    let nap = args.millis("sleep-ms");
    // Every thread needs memory maps, and the machine allows so many: refuse
    // a count it cannot start, before starting anything.
    let allowed = many::threads_the_maps_allow()?;
    ensure!(
        count <= allowed,
        "--tasks={count}: this machine's vm.max_map_count leaves room for \
         {allowed} threads; use --tasks={allowed} or fewer"
    );
    println!(
        "{count} tasks, then {count} threads: each waits at a gate until all"
    );
    println!(
        "wait, then sleeps {}; in an {}:",
        Millis(nap),
        course_kit::timing::build()
    );
    let tasks = many::sleeping_tasks(count, nap)?;
    let threads = many::sleeping_threads(count, nap)?;
    let python = Python::find();
    let in_python = match &python {
        Some(python) => Some(python_tasks(python, count, nap)?),
        None => None,
    };
    let each = |memory: &Memory| memory.total() as f64 * 1024.0 / count as f64;
    let per_task = each(&tasks.memory);
    let mut table = Table::new([
        format!("{count} of each"),
        "ready in".into(),
        "done in".into(),
        "OS threads".into(),
        "memory each".into(),
        "vs a task".into(),
    ]);
    let rows = [("Rust tasks", &tasks), ("Rust threads", &threads)];
    let python_row = in_python.as_ref().map(|crowd| ("Python tasks", crowd));
    for (label, crowd) in rows.into_iter().chain(python_row) {
        let ratio = each(&crowd.memory) / per_task;
        table.row([
            label.to_string(),
            Millis(crowd.ready).to_string(),
            Millis(crowd.done).to_string(),
            crowd.os_threads.to_string(),
            bytes(each(&crowd.memory)),
            if per_task > 0.0 {
                format!("{ratio:.1}x")
            } else {
                "-".into()
            },
        ]);
    }
    print!("{table}");
    println!("ready: from the first start until all waited at the gate;");
    println!("done: from the gate opening until the last had slept and ended.");
    println!(
        "memory each: resident pages and page tables, and for threads the"
    );
    println!(
        "kernel stacks (read machine-wide); left out: the kernel's record"
    );
    println!("of each thread.");
    match (&python, &in_python) {
        (Some(python), Some(crowd)) => {
            println!(
                "{} ran the same steps with asyncio, in this run: its tasks",
                python.version
            );
            let ready = speedup(crowd.ready, tasks.ready);
            if per_task > 0.0 && count >= 1000 {
                let memory = each(&crowd.memory) / per_task;
                println!(
                    "took {ready:.1}x as long as Rust's to be ready, and \
                     {memory:.1}x the memory."
                );
            } else {
                println!("took {ready:.1}x as long as Rust's to be ready.");
            }
        }
        _ => println!("{}", python::NOT_FOUND),
    }
    if count < 1000 {
        println!(
            "Note: memory comes in 4 kB pages: below 1000, each figure is rough."
        );
    }
    Ok(())
}

/// The same crowd in Python: `python/many_tasks.py`, on asyncio.
fn python_tasks(
    python: &Python,
    count: usize,
    nap: Duration,
) -> Result<many::Crowd> {
    let script = python::script(env!("CARGO_MANIFEST_DIR"), "many_tasks.py");
    let tasks = format!("--tasks={count}");
    let sleep = format!("--sleep-ms={}", nap.as_millis());
    let results =
        python.run(&script, &[&tasks, &sleep], Duration::from_secs(60))?;
    Ok(many::Crowd {
        ready: results.seconds("ready")?,
        done: results.seconds("done")?,
        memory: Memory {
            resident: results.number("resident_kb")?,
            page_tables: results.number("page_tables_kb")?,
            kernel_stacks: 0,
        },
        os_threads: results.number("os_threads")?,
    })
}

/// A size in bytes, for people: `463 B`, `9.4 kB`.
fn bytes(amount: f64) -> String {
    if amount < 1000.0 {
        format!("{amount:.0} B")
    } else {
        format!("{:.1} kB", amount / 1024.0)
    }
}

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
        if matches!(reader, Reader::TwoAwaits) && got.orphans == 0 {
            println!(
                "Note: no tick fell between a header and its body this time, \
                 so none was lost: was the machine busy?"
            );
        }
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
