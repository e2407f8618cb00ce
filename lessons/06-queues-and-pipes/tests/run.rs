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
    // On a busy machine a tick can come after the answer it was due before:
    // the part then says so, and the test runs it again.
    let run = part_until("select", &[], "events in the order due", |run| {
        !run.stdout.contains("Note: these came late")
    });
    run.assert_prints("worker 1 answered")
        .assert_prints("worker 2 answered")
        .assert_prints("tick: still waiting")
        .assert_prints("deadline: 1 worker(s) still busy");
    assert!(!run.stdout.contains("worker 3 answered"), "{run}");
    // 250 ms of work checked every 100 ms: usually two checks time out (the
    // book shows it), but on a loaded machine the checker itself may start
    // late, so the test asks only that the answer waited for the work.
    assert!(run.millis_after("then the answer after") >= 250.0, "{run}");
    // Both always ready: select! picks at random, so each gets its share.
    let first = run.number_after("chose the first");
    let second = run.number_after("times, the second");
    assert_eq!(first + second, 1000.0, "{run}");
    assert!(first >= 300.0 && second >= 300.0, "{run}");
    // A closed channel is ready at once, every time round: the loop spins.
    assert!(run.number_after("left in            : its branch ran") > 100.0);
    run.assert_prints("swapped for never(): its branch ran once");
}

#[test]
fn two_readers_on_one_pipe_tear_frames_and_a_pipe_each_does_not() {
    let run = part("readers", &[]);
    let read = run.numbers_after("whole messages read:");
    assert_eq!(read.len(), 2, "{run}");
    assert_eq!(read[1], 20_000.0, "a pipe each: all whole: {run}");
    let torn = run.numbers_after("torn frames:");
    assert_eq!(torn[2..], [0.0, 0.0], "a pipe each: none torn: {run}");
    // One pipe: a torn frame leaves its reader lost, so messages go unread.
    // (On a busy machine one reader may run alone, and none tear: then the
    // part says so in a Note.)
    if torn[0] + torn[1] >= 1.0 {
        assert!(read[0] < 20_000.0, "{run}");
    } else {
        assert!(run.stdout.contains("Note: no frame was torn"), "{run}");
    }
}

#[test]
fn the_queue_between_processes_holds_at_most_10() {
    let run = part("credits", &[]);
    run.assert_prints("the consumer took 50 messages")
        .assert_prints("most messages in flight at once: 10");
    // The consumer takes 1 ms a message; the producer sends at once: most
    // of its 40 sends after the first 10 find the queue full.
    assert!(run.number_after("in flight and waited:") >= 1.0, "{run}");
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

/// The cells of the row of part `speed`'s table for route `how`.
fn row<'a>(run: &'a Run, how: &str) -> Vec<&'a str> {
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains(how))
        .unwrap_or_else(|| panic!("no row {how:?}: {run}"));
    let (_, cells) = line.split_once(how).unwrap();
    cells.split_whitespace().collect()
}

#[test]
fn every_route_delivers_every_message_and_python_is_measured_beside() {
    let run = part("speed", &["--messages=2000"]);
    // Each route checked its count before printing a speed. Which one is
    // fastest depends on how loaded the machine is (the book shows a quiet
    // run), so the test asks only that each one moved messages.
    let python = course_kit::python::Python::find();
    for how in [
        "channel of 1024",
        "pipe, a write each",
        "pipe, buffered",
        "queue of 10",
    ] {
        let cells = row(&run, how);
        let rust: f64 = cells[0].parse().unwrap();
        assert!(rust > 0.0, "{run}");
        if python.is_some() && how != "pipe, buffered" {
            let python: f64 = cells[1].parse().unwrap();
            assert!(python > 0.0, "{run}");
            assert!(cells[2].ends_with('x'), "{run}");
        } else {
            assert_eq!(cells[1..], ["-", "-"], "{run}");
        }
    }
    match python {
        Some(python) => run.assert_prints(&python.version),
        None => run.assert_prints(course_kit::python::NOT_FOUND),
    };
}

#[test]
fn help_works_and_mistakes_get_one_line() {
    check_command_line(LESSON, DIR, "consume-ms");
}

#[test]
fn a_value_that_is_not_send_cannot_go_through_a_channel() {
    check_compile_fail(DIR);
}
