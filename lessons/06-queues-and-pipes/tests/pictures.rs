//! The timeline the chapter shows says what its part claims. The check reads
//! the recorded picture (`output/bounded.svg`) and a fresh one, and looks only
//! at which spans ran at the same time, never at how long they took.

use course_test::picture::{self, Drawn, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-06");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The spans called `name` on `lane`, which must follow each other.
fn one_at_a_time<'a>(
    spans: &'a [Drawn],
    name: &str,
    lane: &str,
) -> Vec<&'a Drawn> {
    let found = named(spans, name);
    assert!(found.iter().all(|s| s.lane == lane), "{found:#?}");
    for pair in found.windows(2) {
        assert!(!pair[0].overlaps(pair[1]), "one at a time: {pair:#?}");
    }
    found
}

/// The consumer works on each of the 20 items in turn, and the producer waits
/// for room while it works. A wait can also fall in the moment between two
/// items, or before the consumer has started, so `all_overlap` asks it of
/// every wait after the first only in the recorded run; of a fresh run, of
/// most. When the producer has sent its last item, the consumer still has the
/// queue to work through. Returns how many times the producer waited.
fn check_bounded(spans: &[Drawn], all_overlap: bool) -> usize {
    let work = one_at_a_time(spans, "work", "consumer");
    assert_eq!(work.len(), 20, "one span per item: {work:#?}");
    let waits = one_at_a_time(spans, "wait to send", "producer");
    assert!(waits.len() >= 2, "the queue of 4 was full: {spans:#?}");
    let alone: Vec<&&Drawn> = waits[1..]
        .iter()
        .filter(|wait| !work.iter().any(|w| w.overlaps(wait)))
        .collect();
    assert!(
        if all_overlap {
            alone.is_empty()
        } else {
            alone.len() * 2 <= waits.len()
        },
        "while the producer waits, the consumer works: {alone:#?} of {waits:#?}"
    );
    let producer_done = waits.last().unwrap().end;
    let consumer_done = work.last().unwrap().end;
    assert!(producer_done < consumer_done, "{spans:#?}");
    waits.len()
}

#[test]
fn bounded_the_producer_waits_while_the_consumer_works() {
    let recorded = picture::spans(format!("{DIR}/output/bounded.svg"));
    let waits = check_bounded(&recorded, true);
    let text =
        std::fs::read_to_string(format!("{DIR}/output/bounded.txt")).unwrap();
    assert!(
        text.contains(&format!("found the queue full {waits} times")),
        "{waits} waits drawn: {text}"
    );
    check_bounded(&picture::fresh(LESSON, "bounded", &[]), false);
}
