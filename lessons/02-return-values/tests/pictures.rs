//! The timelines the chapter shows say what their parts claim. Each check reads
//! the recorded picture (`output/PART.svg`) and a fresh one, and looks only at
//! which spans ran at the same time or one after the other, never at how long
//! they took.

use course_test::picture::{self, Drawn, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-02");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The one span called `name`.
fn the<'a>(spans: &'a [Drawn], name: &str) -> &'a Drawn {
    let found = named(spans, name);
    assert_eq!(found.len(), 1, "one {name:?} span: {spans:#?}");
    found[0]
}

/// Main's rounds follow each other on main while the job runs on a thread of
/// its own; the job ended before main's last round did, so its value waited
/// for main to look again. Returns how many rounds main did.
fn check_poll(spans: &[Drawn]) -> usize {
    let job = the(spans, "job");
    let rounds = named(spans, "own work");
    assert!(!rounds.is_empty(), "{spans:#?}");
    for pair in rounds.windows(2) {
        assert_eq!(pair[0].lane, "main", "{pair:#?}");
        assert!(!pair[0].overlaps(pair[1]), "one round at a time: {pair:#?}");
    }
    assert_ne!(job.lane, "main", "the job has a thread of its own");
    assert!(
        rounds.iter().any(|round| round.overlaps(job)),
        "main worked while the job ran: {spans:#?}"
    );
    let last = rounds.last().expect("checked above");
    assert!(
        job.end <= last.end,
        "main noticed the value only after its round: {job:#?} {last:#?}"
    );
    rounds.len()
}

#[test]
fn poll_notices_the_value_at_the_end_of_a_round() {
    let recorded = picture::spans(format!("{DIR}/output/poll.svg"));
    let rounds = check_poll(&recorded);
    // The recording says "main did N rounds": the picture has those N rounds,
    // and the job ended in the middle of the last one.
    let text =
        std::fs::read_to_string(format!("{DIR}/output/poll.txt")).unwrap();
    assert!(
        text.contains(&format!("main did {rounds} rounds")),
        "{rounds} rounds drawn: {text}"
    );
    let job = the(&recorded, "job");
    let last = named(&recorded, "own work").pop().unwrap();
    assert!(last.start < job.end, "{job:#?} {last:#?}");
    check_poll(&picture::fresh(LESSON, "poll", &["--wait-ms=40"]));
}

/// Main works, then waits with a deadline that passes while the job still
/// runs, then waits again and gets the value when the job ends.
fn check_oneshot(spans: &[Drawn]) {
    let job = the(spans, "job");
    let own_work = the(spans, "own work");
    let waits = named(spans, "wait_timeout");
    assert_eq!(waits.len(), 2, "{spans:#?}");
    let (early, late) = (waits[0], waits[1]);
    for span in [own_work, early, late] {
        assert_eq!(span.lane, "main", "{span:#?}");
    }
    assert_ne!(job.lane, "main", "the job has a thread of its own");
    assert!(own_work.end <= early.start && early.end <= late.start);
    // Main went on to its own work without waiting for the job. (Whether
    // the two ran at the same instant is up to the scheduler: on a busy
    // machine, the job's thread may get a core only once main's work is
    // done.)
    assert!(own_work.start < job.end, "main worked before the job ended");
    assert!(
        early.end < job.end,
        "the first deadline fell while the job was still running: {early:#?} {job:#?}"
    );
    assert!(
        late.start < job.end && job.end <= late.end,
        "the second wait ended when the job sent its value: {late:#?} {job:#?}"
    );
}

#[test]
fn oneshot_deadline_falls_while_the_job_runs() {
    check_oneshot(&picture::spans(format!("{DIR}/output/oneshot.svg")));
    check_oneshot(&picture::fresh(LESSON, "oneshot", &["--wait-ms=60"]));
}
