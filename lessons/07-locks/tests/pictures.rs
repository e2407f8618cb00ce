//! The timelines the chapter shows say what their parts claim. Each check reads
//! the recorded picture (`output/PART.svg`) and a fresh one, and looks only at
//! which spans ran at the same time, or inside which others, never at how long
//! they took.

use std::path::Path;

use course_test::picture::{self, Drawn, Fresh, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-07");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The spans called `name` that lie inside `group`.
fn inside<'a>(spans: &'a [Drawn], name: &str, group: &Drawn) -> Vec<&'a Drawn> {
    named(spans, name)
        .into_iter()
        .filter(|s| group.contains(s))
        .collect()
}

/// Two rounds on `main`, RwLock then Mutex. In each, every reader first waits
/// for the lock, then holds it, on a lane of its own. The Mutex's holds never
/// overlap; in the recorded run, the RwLock's all do.
fn check_rwlock(spans: &[Drawn], recorded: bool) {
    for (round, shared) in [("RwLock", true), ("Mutex", false)] {
        let group = named(spans, round);
        assert_eq!(group.len(), 1, "one {round} round: {spans:#?}");
        assert_eq!(group[0].lane, "main");
        let holds = inside(spans, "holds", group[0]);
        let waits = inside(spans, "waits", group[0]);
        assert_eq!(holds.len(), 3, "{round}: a hold per reader: {holds:#?}");
        assert_eq!(waits.len(), 3, "{round}: a wait per reader: {waits:#?}");
        for (i, hold) in holds.iter().enumerate() {
            assert!(hold.lane.starts_with("reader "), "{hold:#?}");
            let wait: Vec<_> =
                waits.iter().filter(|w| w.lane == hold.lane).collect();
            assert_eq!(wait.len(), 1, "{round}: {waits:#?}");
            assert!(wait[0].end <= hold.start, "waits, then holds: {wait:#?}");
            for other in &holds[i + 1..] {
                assert_ne!(hold.lane, other.lane, "a lane per reader");
                if !shared {
                    assert!(
                        !hold.overlaps(other),
                        "a Mutex: {hold:#?} {other:#?}"
                    );
                } else if recorded {
                    assert!(
                        hold.overlaps(other),
                        "an RwLock: {hold:#?} {other:#?}"
                    );
                }
            }
        }
    }
}

#[test]
fn mutex_holds_take_turns_and_rwlock_reads_overlap() {
    check_rwlock(&picture::spans(format!("{DIR}/output/rwlock.svg")), true);
    check_rwlock(&picture::fresh(LESSON, "rwlock", &[]), false);
}

/// The two clerks each hold one account and wait for the other's, until the
/// parent kills the child at its deadline: each wait spans the kill mark.
fn check_deadlock(path: &Path) {
    let spans = picture::spans(path);
    let kills: Vec<_> = picture::marks(path)
        .into_iter()
        .filter(|m| m.label == "kill" && m.lane == "main")
        .collect();
    assert_eq!(kills.len(), 1, "one kill, on main: {kills:#?}");
    let kill = kills[0].at;
    let labels = picture::labels(path);
    let has =
        |lane: &str, label: &str| labels.contains(&(lane.into(), label.into()));
    for (lane, first, second) in [("clerk 0→1", 0, 1), ("clerk 1→0", 1, 0)]
    {
        assert!(has(lane, &format!("holds accounts[{first}]")), "{labels:?}");
        assert!(
            has(lane, &format!("waits for accounts[{second}]")),
            "{labels:?}"
        );
        let on_lane = |name: &str| -> Drawn {
            let found: Vec<&Drawn> = named(&spans, name)
                .into_iter()
                .filter(|s| s.lane == lane)
                .collect();
            assert_eq!(found.len(), 1, "{lane}: one {name:?}: {spans:#?}");
            found[0].clone()
        };
        let (holds, waits) = (on_lane("holds"), on_lane("waits for"));
        assert!(holds.contains(&waits), "it waits holding: {holds:#?}");
        assert!(
            waits.start <= kill && kill <= waits.end,
            "still waiting when killed at {kill:?}: {waits:#?}"
        );
    }
    let waits = named(&spans, "waits for");
    assert!(waits[0].overlaps(waits[1]), "each waits for the other");
}

#[test]
fn deadlocked_clerks_wait_for_each_other_until_the_kill() {
    check_deadlock(Path::new(&format!("{DIR}/output/deadlock.svg")));
    let fresh = Fresh::draw(LESSON, "deadlock", &[]);
    check_deadlock(fresh.path());
}
