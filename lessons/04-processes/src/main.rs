//! Lesson 04: processes. Run it with `cargo run -p lesson-04`; `--help` lists
//! the parts.

use std::os::unix::process::ExitStatusExt;
use std::process::{self, ExitCode};

use anyhow::Result;
use course_kit::child;
use course_kit::cli::RoleFn;
use course_kit::timing::speedup;
use course_kit::{Args, Lesson, Secs, timed, timeline};
use lesson_04::{ex1_count_lines, ex2_stop_all, ex3_pipe_capacity};
use lesson_04::{memory, names, reaping, results, start, stopping, together};

/// How long a child started for an exercise may run, whatever it is doing.
const EXERCISE_CHILD_LIMIT: std::time::Duration =
    std::time::Duration::from_secs(60);

fn main() -> ExitCode {
    let lesson = Lesson::new("lesson-04", "Processes")
        .part(
            "start",
            "start one child process and wait for it",
            start_part,
        )
        // The parent and its child print at the same time.
        .lines_in_any_order()
        .part(
            "dropped",
            "std's Child, dropped: neither killed nor reaped",
            dropped_part,
        )
        .part("names", "a name for each child, as ps shows it", names_part)
        .part(
            "together",
            "several children at once, seen in the process list",
            together_part,
        )
        .part("memory", "every process has its own memory", memory_part)
        .part(
            "result",
            "a child's exit status, and a value on its stdout",
            result_part,
        )
        .part(
            "stop",
            "SIGTERM for a polite child, SIGKILL for a stubborn one",
            stop_part,
        )
        .part(
            "pipe",
            "pitfall: a child stuck writing to a full pipe",
            pipe_part,
        )
        .part("reap", "no zombies and no orphans", reap_part)
        .option(
            "children",
            5,
            1..=64,
            "how many children part `together` starts",
        )
        .option(
            "sleep-ms",
            200,
            0..=500,
            "how long each child in `together` sleeps, in ms",
        )
        .option(
            "grace-ms",
            300,
            0..=5000,
            "how long `stop` lets a child clean up after SIGTERM, in ms",
        )
        // Every child dies with the lesson, however the lesson ends (the
        // roles that call die_with_parent themselves show how), except the
        // orphan, whose point is what happens without, and the exercises'
        // children: ex1's tests must see a child a wrong answer leaks.
        .role("greet", |args| dying(start::greet, args))
        .role("named", names::named)
        .role("sleeper", |args| dying(together::sleeper, args))
        .role("squares", |args| dying(memory::squares_in_child, args))
        .role("sum", |args| dying(results::sum_of_squares, args))
        .role("fail", |args| dying(results::fail_with, args))
        .role("chatty", |args| dying(results::chatty, args))
        .role("polite", stopping::polite_worker)
        .role("stubborn", stopping::stubborn_worker)
        .role("middle", reaping::middle)
        .role("orphan", reaping::orphan)
        // The exercises' child roles (the tests start them; see the exercises).
        // Each child ends itself after a minute, so a wrong answer that forgets
        // one cannot leave it running for ever.
        .role("ex1-count", |args| {
            child::exit_after(EXERCISE_CHILD_LIMIT);
            ex1_count_lines::count_role(args)
        })
        .role("ex2-lock", |args| {
            child::exit_after(EXERCISE_CHILD_LIMIT);
            ex2_stop_all::lock_role(args)
        })
        .role("ex3-fill", |args| {
            child::exit_after(EXERCISE_CHILD_LIMIT);
            ex3_pipe_capacity::fill_role(args)
        });
    lesson.run()
}

fn start_part(_: &Args) -> Result<()> {
    println!("One program, two processes:");
    let status = start::start_bare("Ada")?;
    child::ended_well(status, "the child")
}

/// Runs `role` in a child that dies with its parent.
fn dying(role: RoleFn, args: &[String]) -> Result<()> {
    child::die_with_parent()?;
    role(args)
}

fn dropped_part(_: &Args) -> Result<()> {
    println!("A std::process::Child dropped without wait:");
    let exited = start::spawn_and_drop("0")?;
    let state = start::state_of(exited, 'Z');
    println!("  a child that exited at once: pid {exited}, state {state}");
    let running = start::spawn_and_drop("60000")?;
    let state = start::state_of(running, 'S');
    println!("  a child that sleeps 60 s:    pid {running}, state {state}");
    println!("  children of this process: {}", reaping::my_children()?);
    start::kill_and_reap(exited)?;
    start::kill_and_reap(running)?;
    println!("The lesson killed and reaped both by pid.");
    println!("The same two, each held by a ChildGuard and dropped:");
    for millis in ["0", "60000"] {
        let pid = start::guard_and_drop(millis)?;
        let state = process_info_state(pid);
        println!("  pid {pid}: {state}");
    }
    println!("  children of this process: {}", reaping::my_children()?);
    Ok(())
}

/// "state X" for a process in the list, "gone" for one that is not.
fn process_info_state(pid: u32) -> String {
    together::process_info(pid)
        .map_or("gone".to_string(), |info| format!("state {}", info.state))
}

fn names_part(_: &Args) -> Result<()> {
    println!("Three children, named as they start; what /proc says:");
    let seen = names::start_named_children(&["worker-1", "worker-2", "fetch"])?;
    for (pid, comm, args) in seen {
        println!("  pid {pid}  comm: {comm}");
        println!("  {:>9}  cmdline: {args}", "");
    }
    Ok(())
}

fn together_part(args: &Args) -> Result<()> {
    let count = args.get("children") as usize;
    let sleep = args.millis("sleep-ms");
    let me = process::id();
    println!("{count} children that each sleep {}:", Secs(sleep));
    println!(
        "  children of {me} before: {}",
        together::children_of(me)?.len()
    );
    let (waited, at_once) = timed(|| -> Result<()> {
        let children = together::start_sleepers(count, sleep)?;
        let running = together::children_of(me)?;
        tracing::info!("listed {} children", running.len());
        println!("  children of {me} while they run: {}", running.len());
        for info in &running {
            println!("    pid {}  {}", info.pid, info.name);
        }
        together::wait_for_all(children)
    });
    waited?;
    println!(
        "  children of {me} after waiting: {}",
        together::children_of(me)?.len()
    );
    let (waited, one_by_one) = timed(|| together::one_by_one(count, sleep));
    waited?;
    println!(
        "All {count} at once took {}; one after another, {}.",
        Secs(at_once),
        Secs(one_by_one)
    );
    let faster = speedup(one_by_one, at_once);
    println!("At once they were {faster:.1}x as fast as one after another.");
    if count > 1 && faster < count as f64 * 0.75 {
        println!(
            "Note: the sleeps should overlap; was the machine too busy this time?"
        );
    }
    println!("Each child's life, from start until the parent waited for it:");
    timeline::show();
    Ok(())
}

fn memory_part(_: &Args) -> Result<()> {
    println!(
        "A child appends 5 squares to the global RESULTS, then a thread does:"
    );
    let (after_child, after_thread) = memory::child_then_thread()?;
    let me = process::id();
    println!(
        "  parent {me}: after the child, RESULTS holds {after_child} numbers"
    );
    println!(
        "  parent {me}: after the thread, RESULTS holds {after_thread} numbers"
    );
    println!("The child changed its own copy; the thread changed ours.");
    Ok(())
}

fn result_part(_: &Args) -> Result<()> {
    let sum = results::sum_in_child(100)?;
    println!("The child sent back the sum of the squares of 1 to 100: {sum}");
    let output =
        child::run_role("fail", &["3"], std::time::Duration::from_secs(30))?;
    println!("A failing child said on stderr:");
    print!("  | {}", String::from_utf8_lossy(&output.stderr));
    println!(
        "  {}; code() = {:?}; success() = {}",
        output.status,
        output.status.code(),
        output.status.success()
    );
    Ok(())
}

fn pipe_part(_: &Args) -> Result<()> {
    let bytes = 1 << 20;
    println!(
        "A child writes {bytes} bytes to its stdout, a pipe; the parent waits first:"
    );
    let stuck = results::wait_before_reading(
        bytes,
        std::time::Duration::from_millis(500),
    )?;
    println!(
        "  after {} the child had not exited; it was in state {}",
        Secs(stuck.waited),
        stuck.state
    );
    println!(
        "  bytes waiting in the pipe, which is full: {}",
        stuck.in_pipe
    );
    println!(
        "Reading the pipe let it finish: {} bytes, {}",
        stuck.read, stuck.status
    );
    Ok(())
}

fn stop_part(args: &Args) -> Result<()> {
    let grace = args.millis("grace-ms");
    for role in ["polite", "stubborn"] {
        println!(
            "A {role} child gets SIGTERM, and {} to exit before SIGKILL:",
            Secs(grace)
        );
        let stopped = stopping::start_then_stop(role, grace)?;
        if role == "polite" {
            child::ended_well(stopped.status, "the polite child")?;
        }
        for line in &stopped.printed {
            println!("  | {line}");
        }
        println!(
            "  it ended {} ms after SIGTERM: {}; signal() = {:?}",
            stopped.took.as_millis(),
            stopped.status,
            stopped.status.signal()
        );
    }
    Ok(())
}

fn reap_part(_: &Args) -> Result<()> {
    let (before, after) = reaping::zombie_until_waited()?;
    println!(
        "A child that has exited, before anyone waits for it: state {before}"
    );
    let after = after.map_or("gone".to_string(), |s| format!("state {s}"));
    println!("The same child after wait: {after}");

    println!("A parent that fails while its worker runs:");
    let error = reaping::start_then_fail().unwrap_err();
    println!("  parent: failed: {error:#}");
    println!("  children still running: {}", reaping::my_children()?);

    println!("A parent killed with SIGKILL (no destructor runs):");
    let me = process::id();
    let plain = reaping::kill_the_middle(false)?;
    let adopter = plain.adopted_by.map_or("nobody".into(), |p| {
        let who = if p == me { " (this lesson)" } else { "" };
        format!("{p}{who}")
    });
    println!(
        "  a plain worker {}: its parent became {adopter}",
        plain.worker
    );
    let dying = reaping::kill_the_middle(true)?;
    match dying.signal {
        Some(signal) => println!(
            "  a worker that asked to die with it: signal {signal} (SIGKILL)"
        ),
        None => println!("  a worker that asked to die with it: exited"),
    }
    println!("  children still running: {}", reaping::my_children()?);
    Ok(())
}
