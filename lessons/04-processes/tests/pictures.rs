//! The timeline the chapter shows says what its part claims. The check reads
//! the recorded picture (`output/together.svg`) and a fresh one, and looks only
//! at which children lived at the same time, never at how long they lived.

use course_test::picture::{self, Drawn, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-04");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Each lane `child N` holds two lives: the N-th child started with the others
/// at once, then the N-th child started one after another. The first five
/// all overlap; of the second five, none does, and they come in order.
fn check_together(spans: &[Drawn], count: usize) {
    let sleepers = named(spans, "sleeper");
    assert_eq!(sleepers.len(), 2 * count, "{spans:#?}");
    let mut at_once = Vec::new();
    let mut one_by_one = Vec::new();
    for n in 1..=count {
        let lane = format!("child {n}");
        let lives: Vec<&&Drawn> =
            sleepers.iter().filter(|s| s.lane == lane).collect();
        assert_eq!(lives.len(), 2, "two children on {lane}: {sleepers:#?}");
        at_once.push(*lives[0]);
        one_by_one.push(*lives[1]);
    }
    for (i, a) in at_once.iter().enumerate() {
        for b in &at_once[i + 1..] {
            assert!(
                a.overlaps(b),
                "at once, the children overlap: {a:#?} {b:#?}"
            );
        }
    }
    let last_at_once = at_once.iter().map(|s| s.end).max().unwrap();
    assert!(
        one_by_one[0].start >= last_at_once,
        "one after another comes after"
    );
    for pair in one_by_one.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "one after another, each starts when the last was waited for: {pair:#?}"
        );
    }
}

#[test]
fn together_children_overlap_and_one_by_one_they_do_not() {
    let path = format!("{DIR}/output/together.svg");
    let spans = picture::spans(&path);
    check_together(&spans, 5);
    // The parent listed its children while all five of the first lived.
    let marks = picture::marks(&path);
    assert_eq!(marks.len(), 1, "{marks:#?}");
    assert_eq!(marks[0].label, "listed 5 children");
    for life in named(&spans, "sleeper").iter().take(5) {
        assert!(
            life.start <= marks[0].at && marks[0].at <= life.end,
            "{life:#?}"
        );
    }
    check_together(
        &picture::fresh(LESSON, "together", &["--children=3", "--sleep-ms=50"]),
        3,
    );
}
