//! Lesson 07: locks. Run it with `cargo run -p lesson-07`; `--help` lists the
//! parts.

use std::io::{BufRead, BufReader, Read};
use std::process::{ExitCode, Stdio};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use course_kit::child::ChildGuard;
use course_kit::child::exit_after;
use course_kit::python::{self, Python};
use course_kit::table::Table;
use course_kit::timing::Millis;
use course_kit::{Args, Lesson, Secs, child, timeline};
use lesson_07::shared_bank::DEADLINE;
use lesson_07::{
    bank, condvar, deadlock, poison, printing, rwlock, shared_bank,
};

fn main() -> ExitCode {
    Lesson::new("lesson-07", "Locks")
        .part(
            "race",
            "the bank between threads: a lost update, and two fixes",
            race,
        )
        .part(
            "processes",
            "the bank between processes: no lock, and three locks, timed",
            processes,
        )
        .part(
            "dead-holder",
            "a process dies holding a lock: who lets go?",
            dead_holder,
        )
        // Its lines without the lock mix differently on every run: its test
        // sets them aside.
        .part("print", "only one process printing at a time", print)
        .part("rwlock", "RwLock: many readers at once", readers)
        .part(
            "poison",
            "a panic while holding a lock poisons it",
            poisoning,
        )
        .part(
            "deadlock",
            "two locks in opposite orders, and lock ordering",
            deadlocks,
        )
        .part(
            "condvar",
            "Condvar: waiting until the balance is large enough",
            waiting,
        )
        .option(
            "ops",
            100,
            1..=1_000_000,
            "how many deposits and withdrawals each clerk makes",
        )
        .option(
            "speed-ops",
            100_000,
            1..=10_000_000,
            "how many locked updates each process makes when timed",
        )
        // Every child ends by itself after the deadline, even if a bug stops
        // it.
        .role("clerk", |args| {
            exit_after(DEADLINE);
            child::die_with_parent()?;
            shared_bank::clerk(args)
        })
        .role("holder", |args| {
            exit_after(DEADLINE);
            child::die_with_parent()?;
            shared_bank::holder(args)
        })
        .role("printer", |args| {
            exit_after(DEADLINE);
            child::die_with_parent()?;
            printing::printer(args)
        })
        .role("transfers", |args| {
            exit_after(DEADLINE);
            child::die_with_parent()?;
            deadlock::transfers(
                args.first().map(String::as_str) == Some("ordered"),
            );
            Ok(())
        })
        .run()
}

/// One row: "wrong in N of 10 runs", and the balances when some were wrong.
fn report(label: &str, (wrong, balances): (u32, Vec<i64>)) {
    let shown: Vec<String> = balances.iter().map(i64::to_string).collect();
    println!("  {label:<28} wrong in {wrong} of {} runs", balances.len());
    if wrong > 0 {
        println!("    final balances: {}", shown.join(" "));
    }
}

fn race(args: &Args) -> Result<()> {
    let ops = u32::try_from(args.get("ops"))?;
    println!("A balance of 200; one thread deposits 1, the other withdraws 1,");
    println!("{ops} times each.");
    println!("Each version runs 10 times; the final balance must be 200:");
    report(
        "load, then store (no lock):",
        bank::wrong_runs(10, || bank::racy(ops)),
    );
    report("Mutex:", bank::wrong_runs(10, || bank::with_mutex(ops)));
    report(
        "fetch_add:",
        bank::wrong_runs(10, || bank::with_fetch_add(ops)),
    );
    Ok(())
}

fn processes(args: &Args) -> Result<()> {
    let ops = u32::try_from(args.get("ops"))?;
    let speed_ops = u32::try_from(args.get("speed-ops"))?;
    println!("The same bank in shared memory, two processes as the clerks:");
    for guard in shared_bank::GUARDS {
        let runs: Result<Vec<i64>> = (0..10)
            .map(|_| Ok(shared_bank::run_bank(guard, ops, true)?.balance))
            .collect();
        let balances = runs?;
        let wrong = balances.iter().filter(|&&b| b != 200).count() as u32;
        report(&format!("{}:", lock_name(guard)), (wrong, balances));
    }
    println!("Each process makes {speed_ops} locked updates, no pause, in an");
    println!("{}:", course_kit::timing::build());
    let mut rows = Vec::new();
    for guard in ["flock", "spin", "futex"] {
        let run = shared_bank::run_bank(guard, speed_ops, false)?;
        ensure!(run.balance == 200, "{guard} lost updates: {}", run.balance);
        rows.push(Row {
            name: lock_name(guard).to_string(),
            busy: run.busy,
            cpu: run.cpu,
            handovers: run.handovers,
        });
    }
    let python = Python::find();
    match &python {
        Some(python) => rows.push(measure_python(python, speed_ops)?),
        None => println!("{}", python::NOT_FOUND),
    }
    let updates = 2.0 * f64::from(speed_ops);
    // At least a microsecond: the clock counts whole ones.
    let rate = |row: &Row| updates / row.busy.as_secs_f64().max(1e-6);
    // Python's row is the last, if there is one.
    let python_rate = python.as_ref().and(rows.last()).map(rate);
    let mut table = Table::new([
        "lock",
        "M updates/s",
        "time",
        "CPU",
        "handovers",
        "ratio",
    ]);
    for row in &rows {
        let ratio = python_rate.map(|p| format!("{:.1}x", rate(row) / p));
        table.row([
            row.name.clone(),
            format!("{:.2}", rate(row) / 1e6),
            Millis(row.busy).to_string(),
            Millis(row.cpu).to_string(),
            row.handovers.to_string(),
            ratio.unwrap_or_else(|| "-".into()),
        ]);
    }
    print!("{table}");
    println!("time: the slower clerk's loop; CPU: both clerks' CPU time;");
    println!("handovers: how often the lock passed to the other clerk;");
    match &python {
        Some(python) => println!("ratio: updates/s over {}'s", python.version),
        None => println!("ratio: needs Python"),
    }
    Ok(())
}

/// One row of the speed table.
struct Row {
    name: String,
    busy: Duration,
    cpu: Duration,
    handovers: u64,
}

/// How the table calls each guard.
fn lock_name(guard: &str) -> &'static str {
    match guard {
        "none" => "no lock",
        "flock" => "File::lock",
        "spin" => "spin lock",
        "futex" => "futex lock",
        _ => "?",
    }
}

/// Python's two clerks with `multiprocessing.Lock`, from
/// `python/locked_increments.py`: its row of the table.
fn measure_python(python: &Python, updates: u32) -> Result<Row> {
    let script =
        python::script(env!("CARGO_MANIFEST_DIR"), "locked_increments.py");
    let updates = format!("--updates={updates}");
    let results = python.run(&script, &[&updates], DEADLINE)?;
    let balance: i64 = results.number("balance")?;
    ensure!(balance == 200, "Python lost updates: {balance}");
    Ok(Row {
        name: "Python mp.Lock".to_string(),
        busy: results.seconds("busy")?,
        cpu: results.seconds("cpu")?,
        handovers: results.number("handovers")?,
    })
}

fn dead_holder(_: &Args) -> Result<()> {
    println!("A child takes three locks and is killed (SIGKILL) holding them.");
    let patience = Duration::from_millis(200);
    println!("Then each lock is tried, for at most {}:", Secs(patience));
    let tries = shared_bank::after_the_holder_dies(patience)?;
    let mut table = Table::new(["lock", "result", "waited", "CPU used"]);
    for (name, tried) in
        ["File::lock", "spin lock", "futex lock"].iter().zip(&tries)
    {
        let result = if tried.free { "taken" } else { "still held" };
        table.row([
            name.to_string(),
            result.to_string(),
            Millis(tried.waited).to_string(),
            Millis(tried.cpu).to_string(),
        ]);
    }
    print!("{table}");
    println!("The kernel let go of the file lock for the dead process. Nobody");
    println!("will ever set the other two lock words back to 0.");
    Ok(())
}

fn print(_: &Args) -> Result<()> {
    for lock in [false, true] {
        let lines = printing::print_together(3, 5, lock)?;
        let whole = lines.iter().filter(|l| printing::is_whole(l)).count();
        let how = if lock {
            "holding a lock file per line"
        } else {
            "with no lock"
        };
        println!("3 processes print 5 lines each, word by word, {how}:");
        for line in lines.iter().take(4) {
            println!("  | {line}");
        }
        println!("  ... {whole} of {} lines whole", lines.len());
    }
    Ok(())
}

fn readers(_: &Args) -> Result<()> {
    let look = Duration::from_millis(50);
    println!(
        "3 readers each look at the rates for {} while holding the lock:",
        Secs(look)
    );
    let shared = tracing::info_span!("RwLock")
        .in_scope(|| rwlock::readers_with_rwlock(3, look));
    println!("  with RwLock (read): {}", Secs(shared));
    let exclusive = tracing::info_span!("Mutex")
        .in_scope(|| rwlock::readers_with_mutex(3, look));
    println!("  with Mutex:         {}", Secs(exclusive));
    println!("When each reader waited for the lock (█) and held it (▓);");
    println!("on main's lane, the RwLock round, then the Mutex round:");
    timeline::show();
    println!("Readers share an RwLock; a Mutex lets them in one at a time.");
    // One by one, the readers would take at least 3 looks.
    if shared >= look * 3 || exclusive < shared * 2 {
        println!(
            "Note: the RwLock's readers should have looked at the same time;"
        );
        println!("Note: was the machine too busy this time?");
    }
    Ok(())
}

fn poisoning(_: &Args) -> Result<()> {
    println!(
        "A transfer panics between its two steps (its message goes to stderr):"
    );
    let (seen, repaired) = poison::poisoned_transfer();
    println!("  {seen}");
    println!(
        "  after the repair: {repaired:?}, sum {}",
        repaired.iter().sum::<i64>()
    );
    Ok(())
}

fn deadlocks(_: &Args) -> Result<()> {
    println!(
        "Two transfers in a child process, each locking its own account first:"
    );
    let patience = Duration::from_millis(500);
    let mut command = child::command("transfers", &["opposite"])?;
    command.stdout(Stdio::piped());
    let waiting = tracing::info_span!("waits for the child").entered();
    let mut transfers = ChildGuard::spawn(&mut command)?;
    let stdout = transfers.child_mut().stdout.take().context("piped")?;
    let clerks = thread::spawn(move || draw_clerks(stdout));
    // Only a child still running at the deadline counts as a deadlock; any
    // other failure is an error of its own.
    let finished = transfers.wait_timeout(patience)?;
    if finished.is_none() {
        tracing::info!("kill");
        transfers.kill()?;
    }
    drop(waiting);
    let said = clerks.join().expect("the reader thread panicked")?;
    match finished {
        None => {
            for line in &said {
                println!("  | {line}");
            }
            println!(
                "  no answer within {}: a deadlock; the child was killed",
                Secs(patience)
            );
        }
        Some(status) => {
            child::ended_well(status, "the transfers")?;
            said.iter().for_each(|line| println!("  {line}"));
        }
    }
    println!("Who held and waited for which account, as the parent saw it:");
    timeline::show();
    println!("The same, with both locking account 0 first:");
    let output =
        child::run_role("transfers", &["ordered"], shared_bank::DEADLINE)?;
    child::ended_well(output.status, "the ordered transfers")?;
    let said = String::from_utf8_lossy(&output.stdout);
    let done = said
        .lines()
        .filter(|line| line.starts_with("both transfers"));
    done.for_each(|line| println!("  {line}"));
    Ok(())
}

/// Reads what the clerks of a `transfers` child say (`clerk 0→1: holds
/// accounts[0]`) and draws it: each line opens a span on that clerk's lane,
/// which ends when the child's output does (it finished, or was killed).
/// Returns the lines.
fn draw_clerks(stdout: impl Read) -> Result<Vec<String>> {
    let mut said = Vec::new();
    let mut spans = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some((lane, what)) = line.split_once(": ") {
            spans.push(if what.starts_with("holds") {
                tracing::info_span!("holds", lane, message = what)
            } else {
                tracing::info_span!("waits for", lane, message = what)
            });
        }
        said.push(line);
    }
    // The last span opened ends first: each lies inside the ones opened before.
    while let Some(span) = spans.pop() {
        drop(span);
    }
    Ok(said)
}

fn waiting(_: &Args) -> Result<()> {
    println!(
        "A withdrawal of 500 waits while a depositor adds 100 every 20 ms:"
    );
    let every = Duration::from_millis(20);
    match condvar::withdraw_when_funded(
        500,
        100,
        6,
        every,
        Duration::from_secs(10),
    ) {
        Some((left, wakeups, after)) => println!(
            "  withdrew 500 after {}, woken {wakeups} times; {left} left",
            Secs(after)
        ),
        None => println!("  gave up: the balance never reached 500"),
    }
    println!("With only 3 deposits, and a patience of 200 ms:");
    match condvar::withdraw_when_funded(
        500,
        100,
        3,
        every,
        Duration::from_millis(200),
    ) {
        Some(_) => println!("  withdrew 500"),
        None => {
            println!("  gave up after 200 ms: the balance never reached 500")
        }
    }
    Ok(())
}
