//! Computing on the runtime's worker threads holds up the waits; sent to
//! `spawn_blocking`, it does not. Checked on the timeline of real runs (when
//! each computation ran, when each wait ended), not by comparing how late the
//! waits were: on a machine whose cores are busy with other programs, a wait
//! can end late either way, but it cannot end on a worker that is computing.

use std::time::{Duration, Instant};

use course_kit::timeline::{self, Span};
use lesson_10::jobs::{self, Finished};
use lesson_10::mixed::waits_beside_computing;

const WAIT: Duration = Duration::from_millis(5);
/// How many times each way may run before one shows the effect. A run shows
/// nothing when the machine keeps the runtime's threads off the CPU until the
/// waits are due, before any computation has begun.
const TRIES: usize = 5;

/// One run: the computations' spans and the moments the waits ended, both
/// measured from the start of the run.
struct Run {
    computing: Vec<Span>,
    waits_due: Duration,
    waits_ended: Vec<Duration>,
}

fn run(off_the_runtime: bool) -> Run {
    let waits = jobs::wait_jobs(20, WAIT.as_millis() as u64);
    // 8 computations of about 40 ms each: far longer than a wait.
    let computations = jobs::compute_jobs(8, 8 * 20_000_000);
    timeline::restart();
    let mixed =
        waits_beside_computing(&waits, &computations, off_the_runtime).unwrap();
    let origin: Instant = timeline::origin().unwrap();
    let computing: Vec<Span> = timeline::recorded()
        .spans
        .into_iter()
        .filter(|s| s.name == "compute")
        .collect();
    assert_eq!(computing.len(), computations.len());
    let since = |at: Instant| at.saturating_duration_since(origin);
    Run {
        computing,
        waits_due: since(mixed.started) + WAIT,
        waits_ended: mixed
            .waited
            .iter()
            .map(|w: &Finished| since(w.at))
            .collect(),
    }
}

impl Run {
    /// The computations running at `t`.
    fn running_at(&self, t: Duration) -> Vec<&Span> {
        let running = |s: &&Span| s.start <= t && t < s.end;
        self.computing.iter().filter(running).collect()
    }
}

fn workers() -> usize {
    // What tokio's multi-thread runtime starts: one worker per core.
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[test]
fn computing_on_the_runtime_holds_up_the_waits() {
    assert!(timeline::install(), "the test installs the only subscriber");
    let mut held_up = 0;
    for _ in 0..TRIES {
        let run = run(false);
        // The moments to look at: when the waits were due, and every later
        // moment a computation began.
        let starts = run.computing.iter().map(|s| s.start);
        let moments = starts.filter(|&t| t > run.waits_due);
        for t in std::iter::once(run.waits_due).chain(moments) {
            let busy = run.running_at(t);
            let pending = run.waits_ended.iter().filter(|&&e| e > t);
            if busy.len() < workers() || pending.clone().count() == 0 {
                continue; // a worker was free, or no wait was left
            }
            // Every worker was computing, past the waits' time: none of
            // them could end before one of those computations had.
            let first_free = busy.iter().map(|s| s.end).min().unwrap();
            for &ended in pending {
                assert!(ended >= first_free, "{ended:?} < {first_free:?}");
            }
            held_up += 1;
        }
    }
    assert!(held_up > 0, "in {TRIES} runs, no wait held up");

    // Sent off the runtime, waits end while the computations run, as many
    // at once as there are workers or more.
    let beside = (0..TRIES).any(|_| {
        let run = run(true);
        let during = |&ended: &Duration| run.running_at(ended).len();
        run.waits_ended.iter().map(during).max() >= Some(workers())
    });
    assert!(
        beside,
        "in {TRIES} runs, no wait ended beside the computing"
    );
}
