//! The timelines the chapter shows say what their parts claim. Each check reads
//! the recorded picture (`output/PART.svg`) and a fresh one, and looks only at
//! which spans ran at the same time, never at how long they took.

use course_test::picture::{self, Drawn, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-01");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The downloads inside the group span called `group`.
fn downloads_in<'a>(spans: &'a [Drawn], group: &str) -> Vec<&'a Drawn> {
    let group = named(spans, group);
    assert_eq!(group.len(), 1, "one {group:?} span: {spans:#?}");
    named(spans, "download")
        .into_iter()
        .filter(|d| group[0].contains(d))
        .collect()
}

/// In sequence, one lane and no overlap; on threads, a lane each and every
/// wait overlapping every other.
fn check_io(spans: &[Drawn]) {
    let sequence = downloads_in(spans, "one after the other");
    assert!(sequence.len() >= 2, "{spans:#?}");
    assert!(sequence.iter().all(|d| d.lane == sequence[0].lane));
    for pair in sequence.windows(2) {
        assert!(!pair[0].overlaps(pair[1]), "in sequence: {pair:#?}");
    }
    let threads = named(spans, "download")
        .into_iter()
        .filter(|d| !sequence.contains(d))
        .collect::<Vec<_>>();
    assert_eq!(threads.len(), sequence.len(), "{spans:#?}");
    for (i, a) in threads.iter().enumerate() {
        for b in &threads[i + 1..] {
            assert_ne!(a.lane, b.lane, "a thread each");
            assert!(
                a.overlaps(b),
                "on threads the waits overlap: {a:#?} {b:#?}"
            );
        }
    }
}

#[test]
fn io_waits_overlap_on_threads_and_not_in_sequence() {
    check_io(&picture::spans(format!("{DIR}/output/io.svg")));
    check_io(&picture::fresh(LESSON, "io", &["--wait-ms=200"]));
}

/// Each `count threads=N` group on main holds N counting spans, one per
/// counter thread; in the recorded run, the counters of a group overlap.
fn check_cpu(spans: &[Drawn], overlapping: bool) {
    let groups: Vec<&Drawn> = named(spans, "count")
        .into_iter()
        .filter(|s| s.lane == "main")
        .collect();
    assert_eq!(groups.len(), 3, "threads=1, 2 and 4: {spans:#?}");
    for (group, threads) in groups.iter().zip([1, 2, 4]) {
        let counters: Vec<&Drawn> = named(spans, "count")
            .into_iter()
            .filter(|s| s.lane != "main" && group.contains(s))
            .collect();
        assert_eq!(counters.len(), threads, "{group:#?}: {counters:#?}");
        for (i, a) in counters.iter().enumerate() {
            assert!(a.lane.starts_with("counter "), "{a:#?}");
            for b in &counters[i + 1..] {
                assert_ne!(a.lane, b.lane);
                assert!(!overlapping || a.overlaps(b), "{a:#?} {b:#?}");
            }
        }
    }
}

#[test]
fn cpu_counters_run_side_by_side() {
    check_cpu(&picture::spans(format!("{DIR}/output/cpu.svg")), true);
    check_cpu(
        &picture::fresh(LESSON, "cpu", &["--primes-below=20000"]),
        false,
    );
}

/// Two child processes, one after the other: the ticker of the first is cut
/// off when its main returns; the second lives until its tenth tick.
#[test]
fn background_ticker_is_cut_off_without_join() {
    let path = format!("{DIR}/output/background.svg");
    let spans = picture::spans(&path);
    let processes = named(&spans, "process");
    assert_eq!(processes.len(), 2, "{processes:#?}");
    assert!(!processes[0].overlaps(processes[1]));
    let marks = picture::marks(&path);
    let ticks_in = |process: &Drawn| {
        marks
            .iter()
            .filter(|m| {
                m.label.contains("tick ")
                    && process.start <= m.at
                    && m.at <= process.end
            })
            .count()
    };
    assert!(ticks_in(processes[0]) < 10, "{marks:#?}");
    assert_eq!(ticks_in(processes[1]), 10, "{marks:#?}");
}
