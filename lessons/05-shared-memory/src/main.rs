//! Lesson 05: shared memory. Run it with `cargo run -p lesson-05`; `--help`
//! lists the parts.

use std::process::ExitCode;

use anyhow::Result;
use course_kit::{Args, Lesson, child, shm};
use lesson_05::{basics, counting, lifecycle, progress};
use lesson_05::{ex1_partial_sums, ex2_histogram, ex4_what_a_reader_sees};
use rustix::process::Signal;

/// How long a child started for an exercise may run, whatever it is doing.
const EXERCISE_CHILD_LIMIT: std::time::Duration =
    std::time::Duration::from_secs(60);

fn main() -> ExitCode {
    Lesson::new("lesson-05", "Shared memory between processes")
        .part("value", "a child sets a float and negates an array", value)
        .part(
            "sleeping",
            "the parent changes values while a child sleeps",
            sleeping,
        )
        .part(
            "progress",
            "a child's progress, read through an anonymous segment",
            progress_part,
        )
        // The parent looks a varying number of times: one line more or less.
        .repeats_vary()
        .part(
            "in-turn",
            "five processes add to one counter, one after another",
            in_turn,
        )
        .part(
            "race",
            "two processes add at once: lost updates, then none",
            race,
        )
        .part("lifecycle", "the life of a named segment", lifecycle_part)
        .part(
            "crate",
            "the shared_memory crate: Python's SharedMemory, and its pitfalls",
            crate_part,
        )
        .option(
            "sleep-ms",
            300,
            0..=5000,
            "how long the child in `sleeping` sleeps, in ms",
        )
        .option(
            "steps",
            10,
            1..=500,
            "how many steps the worker in `progress` does",
        )
        .option(
            "step-ms",
            40,
            0..=100,
            "how long each of those steps takes, in ms",
        )
        .option(
            "increments",
            2_000_000,
            1..=10_000_000,
            "how many times each process in `race` adds 1",
        )
        .option("rounds", 3, 1..=10, "how many times `race` runs each way")
        // Every child dies with the lesson, however the lesson ends (the
        // owner asks for SIGTERM instead, so that it can clean up first).
        .role("negate", |args| {
            child::die_with_parent()?;
            basics::negate(args)
        })
        .role("sleepy", |args| {
            child::die_with_parent()?;
            basics::sleepy(args)
        })
        .role("worker", |args| {
            child::die_with_parent()?;
            progress::worker(args)
        })
        .role("add-one", |args| {
            child::die_with_parent()?;
            counting::add_one(args)
        })
        .role("adder", |args| {
            child::die_with_parent()?;
            counting::adder(args)
        })
        .role("deposit", |args| {
            child::die_with_parent()?;
            lifecycle::deposit(args)
        })
        .role("owner", lifecycle::owner)
        .role("crate-open", |args| {
            child::die_with_parent()?;
            crate_roles::open_by_name(args)
        })
        .role("crate-flag", |args| {
            child::die_with_parent()?;
            crate_roles::wait_for_flag(args)
        })
        .role("crate-owner", |args| {
            child::die_with_parent()?;
            crate_roles::own_and_wait(args)
        })
        // The exercises' child roles (the tests start them; see the exercises).
        // Each child ends itself after a minute, so a wrong answer that forgets
        // one cannot leave it running for ever.
        .role("ex1-sum", |args| {
            child::die_with_parent()?;
            child::exit_after(EXERCISE_CHILD_LIMIT);
            ex1_partial_sums::sum_role(args)
        })
        .role("ex2-count", |args| {
            child::die_with_parent()?;
            child::exit_after(EXERCISE_CHILD_LIMIT);
            ex2_histogram::count_role(args)
        })
        .role("ex4-count", |args| {
            child::die_with_parent()?;
            child::exit_after(EXERCISE_CHILD_LIMIT);
            ex4_what_a_reader_sees::count_role(args)
        })
        .run()
}

fn value(_: &Args) -> Result<()> {
    let (number, numbers) = basics::pi_and_negate()?;
    println!("After the child: value {number}");
    println!("                 array {numbers:?}");
    Ok(())
}

fn sleeping(args: &Args) -> Result<()> {
    let (value, results) =
        basics::change_while_sleeping(args.millis("sleep-ms"))?;
    println!("  parent: after the child, value {value}, results {results:?}");
    Ok(())
}

fn progress_part(args: &Args) -> Result<()> {
    let steps = args.get("steps") as u32;
    let step = args.millis("step-ms");
    println!(
        "A worker does {steps} steps of {} ms; the parent looks every 100 ms:",
        step.as_millis()
    );
    let seen = progress::watch_progress(
        steps,
        step,
        std::time::Duration::from_millis(100),
    )?;
    println!(
        "The parent looked {} times and saw the count climb to {}.",
        seen.len(),
        seen.last().unwrap_or(&0)
    );
    Ok(())
}

fn in_turn(_: &Args) -> Result<()> {
    let (shared, plain) = counting::five_in_turn()?;
    println!(
        "Both started at 1, and five processes added 1 to each, one after another:"
    );
    println!("  the shared counter: {shared}");
    println!("  the plain number:   {plain}");
    Ok(())
}

fn race(args: &Args) -> Result<()> {
    let times = args.get("increments");
    let rounds = args.get("rounds");
    println!(
        "Two processes each add 1 to one shared counter {times} times, at the same time:"
    );
    let expected = 2 * times as i64;
    let mut lost_in_all = [0, 0];
    for (way, atomic) in [("load then store", false), ("fetch_add", true)] {
        for round in 1..=rounds {
            let counted = counting::two_at_once(atomic, times)?;
            let lost = expected - counted;
            lost_in_all[usize::from(atomic)] += lost;
            println!(
                "  {way:<15}  round {round}: counted {counted} of {expected}, lost {lost}"
            );
        }
    }
    println!(
        "Lost by load then store, in {rounds} rounds: {}",
        lost_in_all[0]
    );
    println!("Lost by fetch_add, in {rounds} rounds: {}", lost_in_all[1]);
    if lost_in_all[0] == 0 {
        println!(
            "Note: no update was lost this time: the two adders never ran at the"
        );
        println!(
            "Note: same moment (a busy machine?). Run the part again to see it."
        );
    }
    Ok(())
}

fn lifecycle_part(_: &Args) -> Result<()> {
    let (value, after_kill, after_drop) = lifecycle::child_killed()?;
    println!("A child opened the owner's segment, deposited, and was killed:");
    println!(
        "  segment still there after the kill: {after_kill}; balance {value}"
    );
    println!("  segment still there after the owner dropped it: {after_drop}");

    let (panicked, left) = lifecycle::owner_panics();
    println!(
        "The owner panicked (panicked: {panicked}); segment left behind: {left}"
    );

    let mut name = String::new();
    let signals = [
        (Signal::INT, "SIGINT (Ctrl-C)"),
        (Signal::TERM, "SIGTERM"),
        (Signal::KILL, "SIGKILL"),
    ];
    for (signal, called) in signals {
        let (named, status, left) = lifecycle::owner_signalled(signal)?;
        println!("An owner child got {called}: {status}");
        println!("  its segment {named} left behind: {left}");
        name = named;
    }
    // Removes what owners that are gone left behind (any process may do it).
    shm::remove_stale()?;
    let left = lifecycle::exists(&name);
    println!(
        "After remove_stale(), the SIGKILLed owner's segment left behind: {left}"
    );
    Ok(())
}

#[cfg(feature = "shared-memory-crate")]
use lesson_05::the_crate as crate_roles;

/// Without the feature, the roles exist but say why they cannot run.
#[cfg(not(feature = "shared-memory-crate"))]
mod crate_roles {
    pub fn open_by_name(_: &[String]) -> anyhow::Result<()> {
        anyhow::bail!("built without the shared-memory-crate feature")
    }
    pub use open_by_name as own_and_wait;
    pub use open_by_name as wait_for_flag;
}

#[cfg(not(feature = "shared-memory-crate"))]
fn crate_part(_: &Args) -> Result<()> {
    println!(
        "Built without the `shared-memory-crate` feature: nothing to show."
    );
    Ok(())
}

#[cfg(feature = "shared-memory-crate")]
fn crate_part(_: &Args) -> Result<()> {
    use lesson_05::the_crate;
    // The crate names its segments itself, so each is tracked only once it
    // exists; with the tracker already running, that is a moment later.
    course_kit::shm::start_tracker();
    println!("The shared_memory crate, as Python's SharedMemory:");
    let value = the_crate::create_and_open_by_name()?;
    println!("  the parent stored 1; a child opened the segment by name");
    println!("  and added 100; the parent reads {value}");

    println!("Pitfall: no header. The i64 100, read back as other types:");
    let (as_f64, as_u32s) = the_crate::wrong_type()?;
    println!("  as an f64: {as_f64:e}; as two u32s: {as_u32s:?}; no error");

    let wait = std::time::Duration::from_millis(400);
    println!("Pitfall: &mut [u8] over bytes another process writes (UB).");
    println!(
        "  A child waits {} ms for a flag the parent sets:",
        wait.as_millis()
    );
    let seen = the_crate::flag_to_a_child(wait)?;
    println!("  through &mut [u8] it saw the flag: {}", seen.plain);
    println!("  then through an AtomicU8 it saw it: {}", seen.atomic);
    if seen.plain {
        println!("Note: this time the plain read saw it too; undefined");
        println!("Note: behaviour promises nothing either way.");
    } else if !seen.set_in_time {
        println!("Note: the parent set the flag only after that wait had");
        println!("Note: ended (a busy machine?): run the part again.");
    }

    println!("Pitfall: generated names (/shmem_ and up to 16 hex digits)");
    println!("  say nothing of who made them; course-kit's carry the pid.");

    println!("Pitfall: SIGKILL. A child that owned a segment was killed:");
    let (after_kill, after_unlink) = the_crate::owner_killed()?;
    println!(
        "  still in /dev/shm: {after_kill}; after the part removed it: \
        {after_unlink}"
    );
    Ok(())
}
