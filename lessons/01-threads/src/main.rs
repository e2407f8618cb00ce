//! Lesson 01: threads. Run it with `cargo run -p lesson-01`; `--help` lists the
//! parts.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, ensure};
use course_kit::python::{self, Python};
use course_kit::timing::speedup;
use course_kit::{Args, Lesson, Secs, Table, child, timed, timeline};
use lesson_01::{background, basics, sharing, speed};

fn main() -> ExitCode {
    Lesson::new("lesson-01", "Threads")
        .part("cpus", "how many threads can run at the same moment", cpus)
        .part("spawn", "start threads and wait for them with join", spawn)
        .part(
            "named",
            "named threads, and a worker written as a struct",
            named,
        )
        // Its two named threads print in either order.
        .lines_in_any_order()
        .part(
            "interleave",
            "threads take turns in a different order every run",
            interleave,
        )
        .part("io", "waiting work (I/O) on two threads", io)
        .part("cpu", "computing work on several threads: no GIL", cpu)
        .part(
            "share",
            "borrowing with scoped threads; a shared list",
            share,
        )
        .part(
            "background",
            "threads still running when main returns",
            background_threads,
        )
        // The ticker gets one tick or two in before main returns.
        .repeats_vary()
        .part("panic", "a panic inside a thread", panic)
        .option(
            "downloads",
            2,
            1..=50,
            "how many fake downloads part io runs",
        )
        .option(
            "wait-ms",
            300,
            1..=1000,
            "how long each fake download waits, in ms",
        )
        .option(
            "primes-below",
            1_500_000,
            1_000..=10_000_000,
            "the CPU-bound work: count the primes below this",
        )
        .option(
            "python-below",
            20_000,
            1_000..=200_000,
            "Python's prime count (and Rust's beside it): below this",
        )
        .role("ticker", ticker)
        .run()
}

fn cpus(_: &Args) -> Result<()> {
    let cpus = basics::cpu_count();
    println!("This machine can run {cpus} threads at the same moment.");
    println!("More threads than that take turns; fewer leave cores idle.");
    Ok(())
}

fn spawn(_: &Args) -> Result<()> {
    basics::spawn_and_join(3);
    Ok(())
}

fn named(_: &Args) -> Result<()> {
    let main = std::thread::current();
    println!("  {}: my id is {:?}", main.name().unwrap_or("?"), main.id());
    basics::spawn_named(&["parser", "indexer"])?;
    println!("A worker written as a struct with a run method:");
    let worker = basics::Downloader {
        name: "downloader".into(),
        files: 3,
        wait: Duration::from_millis(20),
    };
    let files = worker.start()?.join().expect("the downloader panicked");
    println!("  main: the downloader got {files} files");
    Ok(())
}

fn interleave(_: &Args) -> Result<()> {
    println!("Three threads each write their number five times into one log:");
    let mut orders = Vec::new();
    for round in 1..=3 {
        let order = basics::interleaving(3, 5);
        let shown: Vec<String> = order.iter().map(|w| w.to_string()).collect();
        println!("  round {round}: {}", shown.join(" "));
        if !orders.contains(&order) {
            orders.push(order);
        }
    }
    println!("3 rounds, {} different orders.", orders.len());
    Ok(())
}

fn io(args: &Args) -> Result<()> {
    let count = args.get("downloads") as usize;
    let wait = args.millis("wait-ms");
    println!("{count} fake downloads that each wait {}:", Secs(wait));
    let one_by_one = speed::downloads_in_sequence(count, wait);
    println!("  one after the other: {}", Secs(one_by_one));
    let together = speed::downloads_on_threads(count, wait);
    println!("  each on its own thread: {}", Secs(together));
    let faster = speedup(one_by_one, together);
    println!("On threads: {faster:.1}x as fast as one after the other.");
    if count > 1 && faster < count as f64 * 0.75 {
        println!(
            "Note: the waits should overlap; was the machine too busy this time?"
        );
    }
    println!("Who waited when:");
    timeline::show();
    Ok(())
}

fn cpu(args: &Args) -> Result<()> {
    let limit = args.get("primes-below");
    let cpus = basics::cpu_count();
    let thread_counts = [1, 2, 4];
    // The comparison with Python is measured first: its Rust runs must not
    // draw on the timeline of round 3 below.
    let python = Python::find();
    let beside_python = match &python {
        Some(python) => Some(measure_python(python, args.get("python-below"))?),
        None => None,
    };
    println!(
        "Counting the primes below {limit} ({cpus} CPUs here), best of 3 rounds,"
    );
    println!("in an {}:", course_kit::timing::build());
    // The rows take turns, three times over, and each keeps its fastest time,
    // so a moment when other programs are busy does not count against one row
    // alone.
    let mut best = [Duration::MAX; 3];
    let mut counts = [0; 3];
    for round in 1..=3 {
        // The picture shows the last round only: three rounds would crowd it.
        if round == 3 {
            timeline::restart();
        }
        for (row, &threads) in thread_counts.iter().enumerate() {
            let (count, took) = timed(|| speed::count_primes(limit, threads));
            counts[row] = count;
            best[row] = best[row].min(took);
        }
    }
    ensure!(
        counts.iter().all(|&c| c == counts[0]),
        "the thread counts disagree: {counts:?}"
    );
    let mut table = Table::new(["threads", "primes", "time", "speedup"]);
    for (row, threads) in thread_counts.iter().enumerate() {
        let faster = format!("{:.1}x", speedup(best[0], best[row]));
        table.row([
            threads.to_string(),
            counts[row].to_string(),
            Secs(best[row]).to_string(),
            faster,
        ]);
    }
    print!("{table}");
    println!("Who computed when, in round 3:");
    timeline::show();
    println!(
        "No GIL: up to {cpus} threads can compute at the same time here, so the"
    );
    println!(
        "speedup can approach {cpus}x, and more threads than CPUs take turns."
    );
    let two = speedup(best[0], best[1]);
    if cpus >= 2 && two < 1.5 {
        println!(
            "Note: two threads were only {two:.1}x as fast as one: other programs"
        );
        println!(
            "Note: kept the CPUs busy. Run the part again on a quieter moment."
        );
    }
    match (&python, beside_python) {
        (Some(python), Some(beside)) => {
            show_python(python, &beside, args.get("python-below"))
        }
        _ => println!("{}", python::NOT_FOUND),
    }
    Ok(())
}

/// The same count, below a smaller limit, in Rust and in Python: each row's
/// best of 3 rounds, in turns. Python's rows come from
/// `python/count_primes.py`.
struct BesidePython {
    primes: usize,
    rust: [Duration; 3],
    threads: [Duration; 3],
    processes: [Duration; 3],
    start_method: String,
}

fn measure_python(python: &Python, limit: u64) -> Result<BesidePython> {
    let mut rust = [Duration::MAX; 3];
    let mut primes = 0;
    for _ in 1..=3 {
        for (row, threads) in [1, 2, 4].into_iter().enumerate() {
            let (count, took) = timed(|| speed::count_primes(limit, threads));
            primes = count;
            rust[row] = rust[row].min(took);
        }
    }
    let script = python::script(env!("CARGO_MANIFEST_DIR"), "count_primes.py");
    let limit_arg = format!("--limit={limit}");
    let results = python.run(
        &script,
        &[&limit_arg, "--rounds=3"],
        Duration::from_secs(300),
    )?;
    ensure!(
        results.number::<usize>("primes")? == primes,
        "Python counted {} primes, Rust {primes}",
        results.number::<usize>("primes")?
    );
    let row = |kind: &str| -> Result<[Duration; 3]> {
        let times: Vec<Duration> = [1, 2, 4]
            .iter()
            .map(|n| results.seconds(&format!("{kind}.{n}")))
            .collect::<Result<_>>()?;
        Ok([times[0], times[1], times[2]])
    };
    Ok(BesidePython {
        primes,
        rust,
        threads: row("threads")?,
        processes: row("processes")?,
        start_method: results.get("start_method").unwrap_or("?").to_string(),
    })
}

fn show_python(python: &Python, beside: &BesidePython, limit: u64) {
    println!();
    println!(
        "The same count below {limit} ({} primes) in {}, measured in this",
        beside.primes, python.version
    );
    println!(
        "run beside Rust: threads, then processes (multiprocessing), best of 3:"
    );
    let ratio = |python: Duration, rust: Duration| {
        format!("{:.0}x", speedup(python, rust))
    };
    let mut table = Table::new([
        "workers",
        "Rust threads",
        "Python threads",
        "Python/Rust",
        "processes",
        "Python/Rust",
    ]);
    for (row, workers) in [1, 2, 4].into_iter().enumerate() {
        table.row([
            workers.to_string(),
            Secs(beside.rust[row]).to_string(),
            Secs(beside.threads[row]).to_string(),
            ratio(beside.threads[row], beside.rust[row]),
            Secs(beside.processes[row]).to_string(),
            ratio(beside.processes[row], beside.rust[row]),
        ]);
    }
    print!("{table}");
    println!(
        "(Python/Rust: how many times as long Python took as Rust, same workers)"
    );
    println!(
        "Python's threads take turns holding the GIL, so more of them count no"
    );
    println!(
        "faster. Its processes each have an interpreter of their own, and"
    );
    println!(
        "compute at the same time once started (by {}, here).",
        beside.start_method
    );
    let threads =
        speedup(beside.threads[0], beside.threads[1].min(beside.threads[2]));
    let processes = speedup(beside.processes[0], beside.processes[1]);
    if threads > 1.25 {
        println!(
            "Note: Python's threads were {threads:.1}x as fast as one, yet only one"
        );
        println!(
            "Note: of them can hold the GIL: this machine ran some rounds faster."
        );
    }
    if basics::cpu_count() >= 2 && processes < 1.2 {
        println!(
            "Note: Python's 2 processes were only {processes:.1}x as fast as one: the"
        );
        println!(
            "Note: CPUs were busy, or starting them cost more than this small count."
        );
    }
}

fn share(_: &Args) -> Result<()> {
    let numbers: Vec<u64> = (1..=1000).collect();
    let sum = sharing::sum_in_halves(&numbers);
    println!("Two scoped threads borrowed the halves of 1..=1000: sum {sum}");
    let squares = sharing::collect_squares(5);
    println!("Five threads pushed into one Arc<Mutex<Vec>>, in this order:");
    println!("  {squares:?}");
    let mut sorted = squares.clone();
    sorted.sort_unstable();
    println!("  sorted: {sorted:?}");
    let runs = 1000;
    let reordered = (0..runs)
        .filter(|_| sharing::collect_squares(5) != sorted)
        .count();
    println!("In {runs} more runs, {reordered} came out in another order.");
    Ok(())
}

fn background_threads(_: &Args) -> Result<()> {
    for join in [false, true] {
        let mode = if join { "join" } else { "no-join" };
        println!(
            "A child process whose main {}:",
            if join {
                "joins the ticker"
            } else {
                "does not join"
            }
        );
        let printed = watch_ticker(mode)?;
        let ticks = printed.iter().filter(|l| l.contains("tick ")).count();
        let finished = printed.iter().any(|l| l == "ticker: finished");
        println!("  -> {ticks} of 10 ticks, ticker finished: {finished}");
        if !join {
            note_a_busy_machine(&printed, ticks);
        }
    }
    println!("What the parent saw, and when (| is a line from the child):");
    timeline::show();
    Ok(())
}

/// Says so when the run without join could not show what it is for: some
/// ticks, then main returning and the ticker cut off with it. Main works for
/// 50 ms and the ticker ticks every 20 ms, so only a busy machine makes it
/// 0 ticks, all 10, or a tick printed after main's last line.
fn note_a_busy_machine(printed: &[String], ticks: usize) {
    let after_return = printed
        .iter()
        .skip_while(|line| *line != "main: returning")
        .skip(1)
        .count();
    if ticks == 0 {
        println!(
            "  Note: main returned before the ticker's first tick, 20 ms \
             in: was the machine busy?"
        );
    } else if ticks == 10 {
        println!(
            "  Note: main's 50 ms of work outlasted all ten ticks: was the \
             machine busy?"
        );
    } else if after_return > 0 {
        println!(
            "  Note: {after_return} tick(s) came after main's last line, \
             in the moment before the process ended."
        );
    }
}

/// Runs the `ticker` child and echoes its lines as they arrive, marking each on
/// the timeline (on the lane of the child thread that printed it), inside a
/// span as long as the child process lived.
fn watch_ticker(mode: &str) -> Result<Vec<String>> {
    let mut command = child::command("ticker", &[mode])?;
    command.stdout(std::process::Stdio::piped());
    let _span =
        tracing::info_span!("process", mode, lane = "process").entered();
    let mut ticker = child::ChildGuard::spawn(&mut command)?;
    let stdout = ticker.child_mut().stdout.take().expect("piped above");
    let mut printed = Vec::new();
    for line in child::lines(stdout) {
        println!("  | {line}");
        let lane = if line.starts_with("ticker") {
            "its ticker"
        } else {
            "its main"
        };
        tracing::info!(lane, "{line}");
        printed.push(line);
    }
    let status = ticker.wait()?;
    child::ended_well(status, "the ticker child")?;
    Ok(printed)
}

/// The child process of part `background`.
fn ticker(args: &[String]) -> Result<()> {
    let join = args.first().map(String::as_str) == Some("join");
    background::ticker_then_return(join, 10, Duration::from_millis(20));
    Ok(())
}

fn panic(_: &Args) -> Result<()> {
    println!(
        "average of [4, 8, 9] on a thread: {:?}",
        background::average_on_thread(vec![4, 8, 9])
    );
    println!("average of [] on a thread (its panic message goes to stderr):");
    let result = background::average_on_thread(Vec::new());
    println!("  join gave: {result:?}");
    println!("main is still running, and can report the failure.");
    Ok(())
}
