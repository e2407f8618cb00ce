//! The timelines the chapter shows say what their parts claim. Each check reads
//! the recorded picture (`output/PART.svg`) and a fresh one, and looks only at
//! which spans ran at the same time, on which lane, or inside which others,
//! never at how long they took.

use std::path::Path;

use course_test::picture::{self, Drawn, Fresh, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-08");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// No two spans of `spans` on the same lane overlap: a thread, or a process,
/// does one thing at a time.
fn one_at_a_time_per_lane(spans: &[&Drawn]) {
    for (i, a) in spans.iter().enumerate() {
        for b in &spans[i + 1..] {
            assert!(a.lane != b.lane || !a.overlaps(b), "{a:#?} {b:#?}");
        }
    }
}

/// The most spans of `spans` that ran at one moment.
fn most_at_once(spans: &[&Drawn]) -> usize {
    spans
        .iter()
        .map(|s| {
            spans
                .iter()
                .filter(|o| o.start <= s.start && s.start < o.end)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// One `pool` group on main per pool size, smallest first. The pieces of the
/// work inside each group ran on that pool's workers, one piece at a time per
/// worker: all on `worker 0` for one thread, on `worker 0` and `worker 1` for
/// two. In the recorded run, both workers of the pool of two took part, at the
/// same time (in a short fresh run, one may finish before the other wakes).
fn check_sizes(spans: &[Drawn], recorded: bool) {
    let pools: Vec<&Drawn> = named(spans, "pool")
        .into_iter()
        .filter(|s| s.lane == "main")
        .collect();
    assert!(pools.len() >= 3, "1, 2 and more threads: {spans:#?}");
    for (nth, pool) in pools.iter().enumerate() {
        let pieces: Vec<&Drawn> = named(spans, "piece")
            .into_iter()
            .filter(|p| pool.contains(p))
            .collect();
        assert!(!pieces.is_empty(), "{pool:#?}");
        assert!(pieces.iter().all(|p| p.lane.starts_with("worker ")));
        one_at_a_time_per_lane(&pieces);
        let mut lanes: Vec<&str> =
            pieces.iter().map(|p| p.lane.as_str()).collect();
        lanes.sort_unstable();
        lanes.dedup();
        let within =
            |workers: &[&str]| lanes.iter().all(|l| workers.contains(l));
        match nth {
            0 => assert_eq!(lanes, ["worker 0"], "a pool of one thread"),
            1 => assert!(within(&["worker 0", "worker 1"]), "{lanes:?}"),
            _ => {}
        }
        if recorded && nth == 1 {
            assert_eq!(lanes.len(), 2, "both took part: {lanes:?}");
            assert_eq!(most_at_once(&pieces), 2, "two at once: {pieces:#?}");
        }
    }
}

#[test]
fn each_pool_size_runs_its_pieces_on_its_own_workers() {
    check_sizes(&picture::spans(format!("{DIR}/output/sizes.svg")), true);
    check_sizes(
        &picture::fresh(LESSON, "sizes", &["--numbers=20000"]),
        false,
    );
}

/// Twelve jobs on three workers, each worker one job at a time; in the
/// recorded run, all three worked at once.
fn check_handmade(spans: &[Drawn], recorded: bool) {
    let jobs = named(spans, "job");
    assert_eq!(jobs.len(), 12, "{spans:#?}");
    let mut lanes: Vec<&str> = jobs.iter().map(|j| j.lane.as_str()).collect();
    lanes.sort_unstable();
    lanes.dedup();
    assert_eq!(lanes, ["worker-1", "worker-2", "worker-3"]);
    one_at_a_time_per_lane(&jobs);
    if recorded {
        assert_eq!(most_at_once(&jobs), 3, "{jobs:#?}");
    }
}

#[test]
fn the_handmade_pool_runs_three_jobs_at_a_time() {
    check_handmade(&picture::spans(format!("{DIR}/output/handmade.svg")), true);
    check_handmade(&picture::fresh(LESSON, "handmade", &[]), false);
}

/// Two feeders, so at most two jobs at a time; each job runs inside the life
/// of its worker process, on that process's lane, and a process does one job
/// at a time. The crash and the hang are each the last job of their process:
/// it is replaced. Four processes in all.
fn check_processes(path: &Path) {
    let spans = picture::spans(path);
    let jobs = named(&spans, "job");
    let processes = named(&spans, "worker process");
    assert_eq!(jobs.len(), 8, "{spans:#?}");
    assert_eq!(processes.len(), 4, "two, and two replacements: {spans:#?}");
    assert!(most_at_once(&jobs) <= 2, "two feeders: {jobs:#?}");
    one_at_a_time_per_lane(&jobs);
    for job in &jobs {
        let life: Vec<_> =
            processes.iter().filter(|p| p.lane == job.lane).collect();
        assert_eq!(life.len(), 1, "one process per lane: {life:#?}");
        assert!(life[0].contains(job), "{job:#?} in {life:#?}");
    }
    let labels = picture::labels(path);
    for accident in ["crash", "hang"] {
        let lane = &labels
            .iter()
            .find(|(_, label)| label == accident)
            .unwrap_or_else(|| panic!("no {accident} job: {labels:?}"))
            .0;
        // A lane's spans are drawn in the order they started.
        let last = labels
            .iter()
            .rfind(|(l, label)| l == lane && label != "worker process")
            .expect("a job");
        assert_eq!(last.1, accident, "{accident} is the last job of {lane}");
    }
}

#[test]
fn a_crashed_or_hung_worker_process_is_replaced() {
    check_processes(Path::new(&format!("{DIR}/output/processes.svg")));
    // Only the hang may miss the deadline, even on a busy machine.
    let fresh = Fresh::draw(LESSON, "processes", &["--job-deadline-ms=2000"]);
    check_processes(fresh.path());
}
