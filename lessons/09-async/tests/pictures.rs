//! The timelines the chapter shows say what their parts claim. Each check reads
//! the recorded picture (`output/PART.svg`) and a fresh one, and looks only at
//! which spans ran at the same time, inside which others, and which marks fall
//! inside them, never at how long they took.

use std::path::Path;

use course_test::picture::{self, Drawn, Fresh, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-09");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Two rounds on main. In each, three calls on lanes of their own, each
/// waiting twice, one wait after the other. One after another, no two calls
/// overlap; with `join!`, all three do, and so do their first waits.
fn check_timing(spans: &[Drawn]) {
    for (round, together) in [("one after another", false), ("join!", true)] {
        let group = named(spans, round);
        assert_eq!(group.len(), 1, "one {round:?} round: {spans:#?}");
        assert_eq!(group[0].lane, "main");
        let calls: Vec<&Drawn> = named(spans, "call")
            .into_iter()
            .filter(|c| group[0].contains(c))
            .collect();
        assert_eq!(calls.len(), 3, "{round}: {calls:#?}");
        let mut first_waits = Vec::new();
        for (i, call) in calls.iter().enumerate() {
            let waits: Vec<&Drawn> = named(spans, "waits")
                .into_iter()
                .filter(|w| w.lane == call.lane && call.contains(w))
                .collect();
            assert_eq!(waits.len(), 2, "each call waits twice: {waits:#?}");
            assert!(!waits[0].overlaps(waits[1]), "{waits:#?}");
            first_waits.push(waits[0]);
            for other in &calls[i + 1..] {
                assert_ne!(call.lane, other.lane, "a lane per call");
                assert_eq!(
                    call.overlaps(other),
                    together,
                    "{call:#?} {other:#?}"
                );
            }
        }
        if together {
            for (i, a) in first_waits.iter().enumerate() {
                for b in &first_waits[i + 1..] {
                    assert!(a.overlaps(b), "all wait at once: {a:#?} {b:#?}");
                }
            }
        }
    }
}

#[test]
fn join_overlaps_the_calls_and_awaiting_in_turn_does_not() {
    check_timing(&picture::spans(format!("{DIR}/output/timing.svg")));
    check_timing(&picture::fresh(LESSON, "timing", &["--wait-ms=20"]));
}

/// Three rounds: the waiter blocks its thread, awaits a sleep, and awaits a
/// blocking sleep on another thread. No tick falls inside the blocking sleep
/// on the runtime's thread; ticks fall inside the other two (`least` or more).
fn check_blocking(path: &Path, least: usize) {
    let spans = picture::spans(path);
    let ticks: Vec<_> = picture::marks(path)
        .into_iter()
        .filter(|m| m.label == "tick")
        .collect();
    assert!(ticks.iter().all(|t| t.lane == "ticker"), "{ticks:#?}");
    let blocking = named(&spans, "thread::sleep");
    let awaited = named(&spans, "sleep().await");
    assert_eq!(blocking.len(), 2, "{spans:#?}");
    assert_eq!(awaited.len(), 1, "{spans:#?}");
    assert_eq!(blocking[0].lane, "waiter", "on the runtime's thread");
    assert_eq!(awaited[0].lane, "waiter");
    assert!(
        !["waiter", "ticker"].contains(&blocking[1].lane.as_str()),
        "spawn_blocking runs it on a thread of its own: {blocking:#?}"
    );
    let ticks_in = |span: &Drawn| {
        ticks
            .iter()
            .filter(|t| span.start < t.at && t.at < span.end)
            .count()
    };
    assert_eq!(ticks_in(blocking[0]), 0, "the ticker stalls: {ticks:#?}");
    assert!(ticks_in(awaited[0]) >= least, "{ticks:#?}");
    assert!(ticks_in(blocking[1]) >= least, "{ticks:#?}");
}

#[test]
fn no_tick_while_a_task_blocks_the_runtime() {
    check_blocking(Path::new(&format!("{DIR}/output/blocking.svg")), 5);
    // Longer than the default: a starved machine still lets a tick through.
    let fresh = Fresh::draw(LESSON, "blocking", &["--block-ms=300"]);
    check_blocking(fresh.path(), 1);
}
