//! The timeline the chapter shows says what its part claims. The check reads
//! the recorded picture (`output/bounded.svg`) and a fresh one, and looks only
//! at which spans ran at the same time, never at how long they took.

use course_test::picture::{self, Drawn, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-06");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The spans called `name` on `lane`, which must follow each other.
fn one_at_a_time<'a>(spans: &'a [Drawn], name: &str, lane: &str) -> Vec<&'a Drawn> {
    let found = named(spans, name);
    assert!(found.iter().all(|s| s.lane == lane), "{found:#?}");
    for pair in found.windows(2) {
        assert!(!pair[0].overlaps(pair[1]), "one at a time: {pair:#?}");
    }
    found
}

/// The consumer works on each of the 20 items in turn; each time the
/// producer waits for room (after its first wait, which can come before the
/// consumer has started), the consumer is working. When the producer has sent
/// its last item, the consumer still has the queue to work through.
/// Returns how many times the producer waited.
fn check_bounded(spans: &[Drawn]) -> usize {
    let work = one_at_a_time(spans, "work", "consumer");
    assert_eq!(work.len(), 20, "one span per item: {work:#?}");
    let waits = one_at_a_time(spans, "wait to send", "producer");
    assert!(waits.len() >= 2, "the queue of 4 was full: {spans:#?}");
    for wait in &waits[1..] {
        assert!(
            work.iter().any(|w| w.overlaps(wait)),
            "while the producer waits, the consumer works: {wait:#?}"
        );
    }
    let producer_done = waits.last().unwrap().end;
    let consumer_done = work.last().unwrap().end;
    assert!(producer_done < consumer_done, "{spans:#?}");
    waits.len()
}

#[test]
fn bounded_the_producer_waits_while_the_consumer_works() {
    let recorded = picture::spans(format!("{DIR}/output/bounded.svg"));
    let waits = check_bounded(&recorded);
    let text = std::fs::read_to_string(format!("{DIR}/output/bounded.txt")).unwrap();
    assert!(
        text.contains(&format!("found the queue full {waits} times")),
        "{waits} waits drawn: {text}"
    );
    check_bounded(&picture::fresh(LESSON, "bounded", &[]));
}
