//! Runs lesson 06 as a real process, part by part: checks the facts it prints,
//! and that its output is still what the book shows (numbers aside).

use course_test::{Run, check_command_line, check_compile_fail};

course_test::lesson_under_test!("lesson-06");

#[test]
fn a_full_queue_makes_the_producer_wait() {
    let run = part("bounded", &[]);
    run.assert_prints("consumer received 20 items, in order: true");
    assert!(run.number_after("never held more than") <= 4.0, "{run}");
    // The consumer takes at least 1 ms per item. While the producer was busy
    // it can have taken at most took/1 ms + 1 items, the queue held at most 4
    // more, and the consumer had 1 in hand: every other send found the queue
    // full. (On a quiet machine nearly all of them, 15 or 16; on a loaded
    // one, where the producer itself is slow, fewer.)
    let took = run.millis_after("of its");
    let sent_without_waiting = 20.0 - run.number_after("found the queue full");
    assert!(sent_without_waiting <= 6.0 + took, "{run}");
    assert!(run.millis_after("and waited") <= took, "{run}");
}

#[test]
fn many_producers_and_consumers_lose_nothing() {
    let run = part("many", &[]);
    run.assert_prints("all 300 items arrived exactly once: true");
    let taken: f64 = run.numbers_after("took").iter().sum();
    assert_eq!(taken, 300.0, "{run}");
}

#[test]
fn a_failed_producer_closes_the_channel_but_skips_the_sentinel() {
    let run = part("ending", &[]);
    run.assert_prints(
        "it failed at item 3  : 2 items, then nothing came: gave up waiting",
    )
    .assert_prints(
        "it failed at item 3  : 2 items, then the channel closed; the",
    )
    .assert_prints("could not read item 3")
    .assert_prints("the producer finished: 5 items, then got the sentinel")
    .assert_prints("the producer finished: 5 items, then the channel closed");
}

#[test]
fn select_serves_whichever_channel_is_ready() {
    let run = part("select", &[]);
    run.assert_prints("worker 1 answered")
        .assert_prints("worker 2 answered")
        .assert_prints("tick: still waiting")
        .assert_prints("deadline: 1 worker(s) still busy");
    assert!(!run.stdout.contains("worker 3 answered"), "{run}");
    // 250 ms of work checked every 100 ms: the first check at least times out
    // (usually two do; on a loaded machine a late wake-up can skip one).
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("timeouts, then"))
        .unwrap();
    let timeouts: u32 =
        line.split_whitespace().next().unwrap().parse().unwrap();
    assert!(timeouts >= 1, "{run}");
}

#[test]
fn the_store_decides_the_order() {
    let run = part("lifo", &[]);
    run.assert_prints("got [5, 4, 3, 2, 1]")
        .assert_prints("got 42 after");
    let fix = run.stdout.find("1: fix the outage").unwrap();
    let email = run.stdout.find("2: answer email").unwrap();
    let report = run.stdout.find("3: write the report").unwrap();
    assert!(fix < email && email < report, "{run}");
}

#[test]
fn a_child_answers_through_a_pipe() {
    let run = part("pipe", &[]);
    for n in 1..=3 {
        run.assert_prints(&format!("wrote back: {n} doubled is {}", 2 * n));
    }
}

#[test]
fn a_child_answers_each_whole_message_over_a_socket_pair() {
    let run = part("duplex", &[]);
    for (sent, answer) in [(10, 11), (20, 21), (30, 31)] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.contains(&format!("parent sent {sent}, child")))
            .unwrap_or_else(|| panic!("no answer to {sent}: {run}"));
        assert!(line.ends_with(&format!("answered {answer}")), "{run}");
    }
}

#[test]
fn frames_stay_whole_and_big_lines_get_mixed() {
    let run = part("queue", &[]);
    run.assert_prints("300 received, 300 whole");
    for producer in 1..=3 {
        run.assert_prints(&format!("from producer {producer}: 100"));
    }
    // Every line ends with its newline, but lines larger than the pipe come
    // through in pieces, and the pieces of different producers mix.
    assert_eq!(run.number_after("KiB: "), 30.0, "{run}");
    let mixed = run.numbers_after("received, ")[1];
    assert!(mixed >= 1.0, "{run}");
}

/// The millions of messages per second on the line of part `speed` that starts
/// with `route`.
fn rate(run: &Run, route: &str) -> f64 {
    let row = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(route))
        .unwrap_or_else(|| panic!("no row {route:?}: {run}"));
    let (_, numbers) = row.split_once(':').unwrap();
    numbers.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn every_route_delivers_every_message() {
    let run = part("speed", &[]);
    // Each route checked its count before printing a speed. Which one is
    // fastest depends on how loaded the machine is (the book shows a quiet
    // run), so the test asks only that each one moved messages.
    for route in [
        "channel",
        "pipe to a process, one write each",
        "pipe to a process, buffered",
    ] {
        assert!(rate(&run, route) > 0.0, "{run}");
    }
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "consume-ms");
}

#[test]
fn a_value_that_is_not_send_cannot_go_through_a_channel() {
    check_compile_fail(DIR);
}
