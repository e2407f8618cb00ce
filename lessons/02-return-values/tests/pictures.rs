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
/// runs, then waits again and gets the value when the job ends. `Err` says
/// which of these the picture does not show.
fn check_oneshot(spans: &[Drawn]) -> Result<(), String> {
    let job = the(spans, "job");
    let own_work = the(spans, "own work");
    assert_ne!(job.lane, "main", "the job has a thread of its own");
    assert_eq!(own_work.lane, "main", "{own_work:#?}");
    // Main went on to its own work without waiting for the job. (Whether
    // the two ran at the same instant is up to the scheduler: on a busy
    // machine, the job's thread may get a core only once main's work is
    // done.)
    assert!(own_work.start < job.end, "main worked before the job ended");
    let waits = named(spans, "wait_timeout");
    let [early, late] = waits[..] else {
        // A busy machine made main's work so late that the value came
        // within the first deadline; the lesson then waits only once.
        return Err(format!("one wait, not two: {spans:#?}"));
    };
    for span in [early, late] {
        assert_eq!(span.lane, "main", "{span:#?}");
    }
    assert!(own_work.end <= early.start && early.end <= late.start);
    assert!(
        job.end <= late.end,
        "the value came after the job: {late:#?}"
    );
    if early.end >= job.end || late.start >= job.end {
        return Err(format!(
            "the job ended outside the second wait: {early:#?} {late:#?} \
             {job:#?}"
        ));
    }
    Ok(())
}

#[test]
fn oneshot_deadline_falls_while_the_job_runs() {
    let recorded = picture::spans(format!("{DIR}/output/oneshot.svg"));
    check_oneshot(&recorded).unwrap();
    // Each fresh run is checked; one of them must show the deadline falling.
    let mut why = Vec::new();
    for _ in 0..course_test::TRIES {
        let fresh = picture::fresh(LESSON, "oneshot", &["--wait-ms=60"]);
        match check_oneshot(&fresh) {
            Ok(()) => return,
            Err(not_shown) => why.push(not_shown),
        }
    }
    panic!("no run showed the deadline fall while the job ran: {why:#?}");
}
