//! select!, cancellation, channels, task handles and a limit: the facts each
//! part prints, checked on the real executable, and the library's functions
//! checked on a paused clock, where time moves only when every task waits,
//! so a busy machine cannot change what they count.

use std::time::Duration;

use course_test::Run;
use lesson_09::frames::{Reader, frames_through};
use lesson_09::{channels, limit, select};

course_test::lesson_under_test!("lesson-09");

/// A one-thread runtime whose clock moves only when every task waits.
fn paused() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
}

const MS: Duration = Duration::from_millis(1);

#[test]
fn select_drops_the_loser_mid_way() {
    let run = part("select", &[]);
    run.assert_prints("fast mirror: dropped after 10 of 10 steps")
        .assert_prints("select! returned the page from the fast mirror");
    let slow = run.number_after("slow mirror: dropped after ");
    assert!(slow < 10.0, "the slow fetch was stopped mid-way: {run}");
    // The slow mirror's Drop runs before select! returns.
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = |text: &str| lines.iter().position(|l| l.contains(text));
    assert!(at("slow mirror: dropped") < at("select! returned"), "{run}");
}

#[test]
fn serve_takes_jobs_idles_and_shuts_down() {
    let run = part("select", &[]);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("A loop"))
        .skip(1)
        .collect();
    let jobs: Vec<&&str> =
        lines.iter().filter(|l| l.contains("did job")).collect();
    assert_eq!(jobs.len(), 3, "{run}");
    assert!(lines.iter().any(|l| l.contains("no job for")), "{run}");
    assert_eq!(
        lines.last().map(|l| l.trim()),
        Some("shutdown: stopped after 3 jobs"),
        "{run}"
    );
    // On a paused clock: the same jobs, whatever the load.
    let done = paused().block_on(select::serve_three_jobs(40 * MS));
    assert_eq!(done, 3);
}

#[test]
fn two_awaits_in_select_lose_frames_and_next_line_does_not() {
    // "LABEL: W whole, L lost, the ticker won T times"
    let counts = |run: &Run| -> Vec<Vec<f64>> {
        run.stdout
            .lines()
            .filter(|l| l.contains(" whole, "))
            .map(|l| {
                l.split_once(": ")
                    .unwrap()
                    .1
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|w| w.parse().ok())
                    .collect()
            })
            .collect()
    };
    // Whether a tick falls between a header and its body is up to the
    // clock: a run in which none did says so, and the test runs it again.
    let run =
        part_until("cancel-safe", &[], "read_frame losing a frame", |run| {
            counts(run)
                .first()
                .is_some_and(|unsafe_read| unsafe_read[1] >= 1.0)
        });
    let counts = counts(&run);
    assert_eq!(counts.len(), 2, "{run}");
    let (unsafe_read, safe_read) = (&counts[0], &counts[1]);
    assert_eq!(unsafe_read[0] + unsafe_read[1], 20.0, "{run}");
    assert_eq!(&safe_read[..2], [20.0, 0.0], "{run}");

    // The same on a paused clock, ten times. There, timers fire exactly on
    // time: a body 2 ms after its header and the next header 4 ms later,
    // while the ticker fires at 0, 5, 10, ... ms. A tick at 25 ms falls
    // between the header at 24 ms and its body at 26 ms.
    for _ in 0..10 {
        let got = paused().block_on(frames_through(
            Reader::TwoAwaits,
            20,
            2 * MS,
            5 * MS,
        ));
        assert!(got.orphans >= 1, "{got:?}");
        assert_eq!(got.whole + got.orphans, 20, "{got:?}");
        let got = paused().block_on(frames_through(
            Reader::CancelSafe,
            20,
            2 * MS,
            5 * MS,
        ));
        assert_eq!((got.whole, got.orphans), (20, 0), "{got:?}");
        assert!(got.ticks >= 1, "the ticker ran too: {got:?}");
    }
}

#[test]
fn a_bounded_channel_holds_the_producer_back() {
    let run = part("channels", &[]);
    let most = run.numbers_after("at most ");
    let taken = run.numbers_after("the consumer had taken ");
    assert_eq!(most, [10.0, 100.0], "{run}");
    // Room for the last reading opens when the 90th is taken: the bounded
    // producer cannot be done before. The unbounded one never waits.
    assert!(taken[0] >= 90.0, "{run}");
    assert_eq!(taken[1], 0.0, "{run}");

    let held = paused().block_on(channels::bounded(100, 10, MS));
    assert_eq!(held.most.get(), 10);
    assert_eq!(held.taken_when_done.get(), 90);
    let free = paused().block_on(channels::unbounded(100, MS));
    assert_eq!(free.most.get(), 100);
    assert_eq!(free.taken_when_done.get(), 0);
}

#[test]
fn a_task_outlives_its_handle_until_aborted() {
    let run = part("handles", &[]);
    run.assert_prints("detached: dropped after 5 of 5 steps");
    let aborted = run.number_after("aborted: dropped after ");
    assert!(aborted < 5.0, "abort stopped it mid-way: {run}");
    run.assert_prints(" was cancelled");
    let in_set = run.numbers_after(": dropped after ");
    // detached, aborted, then the three in the set.
    assert_eq!(in_set.len(), 5, "{run}");
    assert!(in_set[2..].iter().all(|&n| n < 5.0), "{run}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = |text: &str| lines.iter().position(|l| l.contains(text));
    // The detached task finishes after its handle was dropped; the aborted
    // one's Drop runs before awaiting its handle returns.
    assert!(
        at("the handle is dropped") < at("detached: dropped"),
        "{run}"
    );
    assert!(at("aborted: dropped") < at("was cancelled"), "{run}");
    assert!(
        at("the set is dropped") < at("in the set 1: dropped"),
        "{run}"
    );
}

#[test]
fn the_semaphore_lets_exactly_fifty_run_at_once() {
    let run = part("limit", &[]);
    run.assert_prints("1000 fetched in ");
    assert_eq!(run.number_after("most in flight at once: "), 50.0, "{run}");

    let (fetched, flight) = paused().block_on(limit::fetch_all(1000, 50));
    assert_eq!(fetched, 1000);
    assert_eq!(flight.most(), 50, "never more than 50, and 50 reached");
    // Every fetch started and ended once.
    assert_eq!(flight.changes.len(), 2000);
    assert_eq!(flight.changes.last().map(|c| c.1), Some(0));
}

#[test]
fn the_limit_picture_shows_the_count_in_flight() {
    let svg = std::fs::read_to_string(format!("{DIR}/output/limit.svg"))
        .expect("output/limit.svg is recorded");
    assert!(svg.contains("limit 50"), "the limit is drawn");
    assert!(svg.contains("(most: 50)"), "the recorded run reached 50");
}
