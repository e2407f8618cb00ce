//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 06` runs them on your answers in `exercises/`.

use std::io::{ErrorKind, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use course_test::deadline::within;

use lesson_06::ex1_pipeline::sum_of;
use lesson_06::ex2_bounded_stack::BoundedStack;
use lesson_06::ex3_netstrings::{MAX_LEN, recv, send};

/// Every test gives up after this long instead of hanging.
const LIMIT: Duration = Duration::from_secs(20);

/// What an exercise 1 test says when the code under test never finishes.
const STUCK: &str =
    "is a sender still alive somewhere, so a channel never closes?";

fn square(n: u64) -> u64 {
    n * n
}

#[test]
fn ex1_sums_the_squares() {
    let sum = within(LIMIT, STUCK, || sum_of(1..=1000, 4, square));
    assert_eq!(sum, 333_833_500, "1² + 2² + ... + 1000²");
}

#[test]
fn ex1_ends_by_itself_for_any_number_of_workers() {
    for workers in [1, 2, 7] {
        let sum = within(LIMIT, STUCK, move || {
            sum_of([3, 4].into_iter(), workers, square)
        });
        assert_eq!(sum, 25, "3² + 4² with {workers} workers");
    }
    let empty = within(LIMIT, STUCK, || sum_of(std::iter::empty(), 3, square));
    assert_eq!(empty, 0, "nothing in, nothing out");
}

/// How many calls of `slow_double` are running right now, and the most at once.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

/// Work that takes a while, and counts how many copies of it run together.
fn slow_double(n: u64) -> u64 {
    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
    MOST_AT_ONCE.fetch_max(now, Ordering::SeqCst);
    thread::sleep(Duration::from_millis(100));
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    2 * n
}

#[test]
fn ex1_runs_the_work_on_several_threads_at_once() {
    let sum = within(LIMIT, STUCK, || sum_of(1..=8, 4, slow_double));
    assert_eq!(sum, 72, "2 × (1 + 2 + ... + 8)");
    let most = MOST_AT_ONCE.load(Ordering::SeqCst);
    assert!(
        most >= 2,
        "at most {most} call(s) of `work` ran at once: with 4 workers, \
         each worker thread must call `work` itself"
    );
}

/// Opened by the test below: until then, `gated_square` waits.
static GATE_OPEN: AtomicBool = AtomicBool::new(false);

/// Work that cannot finish until the test opens the gate.
fn gated_square(n: u64) -> u64 {
    while !GATE_OPEN.load(Ordering::SeqCst) {
        thread::sleep(Duration::from_millis(1));
    }
    n * n
}

#[test]
fn ex1_the_feeder_waits_while_the_workers_are_busy() {
    // The workers are stuck in `work` until the gate opens. Meanwhile the
    // feeder may get at most 16 numbers ahead, plus one in each worker's
    // hands and one in its own: 21, not all 1000.
    let taken = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&taken);
    let numbers = (1..=1000).inspect(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let call = thread::spawn(move || sum_of(numbers, 4, gated_square));
    let started = Instant::now();
    while taken.load(Ordering::SeqCst) <= 21
        && started.elapsed() < Duration::from_millis(500)
    {
        thread::sleep(Duration::from_millis(5));
    }
    let ahead = taken.load(Ordering::SeqCst);
    GATE_OPEN.store(true, Ordering::SeqCst);
    let sum = within(LIMIT, STUCK, move || {
        call.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    assert_eq!(sum, 333_833_500, "1² + 2² + ... + 1000²");
    assert!(
        ahead <= 21,
        "while 4 workers were busy the feeder took {ahead} numbers: a channel \
         that holds at most 16 makes it wait"
    );
}

#[test]
fn ex2_last_in_first_out() {
    let out =
        within(LIMIT, "a call with a zero timeout never returned", || {
            let stack = BoundedStack::new(3);
            for n in 1..=3 {
                assert!(stack.push(n, Duration::ZERO).is_ok(), "room for 3");
            }
            (0..3)
                .filter_map(|_| stack.pop(Duration::ZERO))
                .collect::<Vec<i32>>()
        });
    assert_eq!(out, [3, 2, 1]);
}

#[test]
fn ex2_gives_up_after_the_timeout() {
    let stuck = "did the wait forget its timeout?";
    within(LIMIT, stuck, || {
        let stack = BoundedStack::new(1);
        let start = Instant::now();
        assert_eq!(stack.pop(Duration::from_millis(30)), None::<u8>);
        assert!(
            start.elapsed() >= Duration::from_millis(25),
            "pop should wait before giving up"
        );
        stack.push(1, Duration::ZERO).unwrap();
        assert_eq!(
            stack.push(2, Duration::from_millis(30)),
            Err(2),
            "a full stack gives the item back"
        );
    });
}

/// Long enough that a waiter nobody wakes is easy to tell from one that was
/// woken (the test allows 2 s for 300 ms of work, on a loaded machine too).
const PATIENCE: Duration = Duration::from_secs(5);

#[test]
fn ex2_a_pop_wakes_a_waiting_pusher() {
    let took = within(LIMIT, "a push into a full stack never returned", || {
        let stack = BoundedStack::new(1);
        let start = Instant::now();
        thread::scope(|s| {
            stack.push("first", PATIENCE).unwrap();
            let pusher = s.spawn(|| stack.push("second", PATIENCE));
            // the pusher is waiting now
            thread::sleep(Duration::from_millis(300));
            assert_eq!(stack.pop(PATIENCE), Some("first"));
            assert_eq!(pusher.join().unwrap(), Ok(()), "the pop made room");
        });
        start.elapsed()
    });
    assert!(
        took < Duration::from_secs(2),
        "the pusher got in only after {took:?}: it slept until its timeout. \
         Does `pop` wake a waiting push?"
    );
}

#[test]
fn ex2_a_push_wakes_a_waiting_popper() {
    let took =
        within(LIMIT, "a pop from an empty stack never returned", || {
            let stack = BoundedStack::new(1);
            let start = Instant::now();
            thread::scope(|s| {
                let popper = s.spawn(|| stack.pop(PATIENCE));
                // the popper is waiting now
                thread::sleep(Duration::from_millis(300));
                stack.push("third", PATIENCE).unwrap();
                assert_eq!(popper.join().unwrap(), Some("third"));
            });
            start.elapsed()
        });
    assert!(
        took < Duration::from_secs(2),
        "the popper got its item only after {took:?}: it slept until its \
         timeout. Does `push` wake a waiting pop?"
    );
}

/// A reader that hands out at most `step` bytes per `read`, as a pipe may.
struct Pieces<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// What `send` writes for each of `messages`, one after another.
fn netstrings(messages: &[&[u8]]) -> Vec<u8> {
    let mut stream = Vec::new();
    for message in messages {
        send(&mut stream, message).unwrap();
    }
    stream
}

/// What `recv` makes of `bytes`, message by message, to the clean end.
fn received(bytes: &[u8], step: usize) -> Vec<Vec<u8>> {
    let mut input = Pieces { bytes, step };
    let mut messages = Vec::new();
    while let Some(message) = recv(&mut input).unwrap() {
        messages.push(message);
        assert!(messages.len() <= 10, "more messages than were sent");
    }
    messages
}

#[test]
fn ex3_the_format_is_exact() {
    assert_eq!(netstrings(&[b"hello"]), b"5:hello,");
    assert_eq!(netstrings(&[b""]), b"0:,");
    assert_eq!(netstrings(&[b"12", b"ab,c"]), b"2:12,4:ab,c,");
}

#[test]
fn ex3_messages_arrive_whole_however_the_bytes_are_split() {
    let messages: [&[u8]; 4] = [b"10", b"", b"hello, world", &[b'x'; 300]];
    let stream = netstrings(&messages);
    for step in [1, 2, 3, 7, 4096] {
        assert_eq!(
            received(&stream, step),
            messages,
            "read in pieces of at most {step} bytes"
        );
    }
}

#[test]
fn ex3_recv_reads_nothing_past_its_comma() {
    let stream = b"3:one,3:two,";
    let mut rest: &[u8] = stream;
    let first = recv(&mut rest).unwrap();
    assert_eq!(first.as_deref(), Some(&b"one"[..]));
    assert_eq!(
        rest, b"3:two,",
        "after one netstring, the next must still be in the stream"
    );
}

#[test]
fn ex3_through_a_pipe_written_in_pieces() {
    let (mut reader, mut writer) = std::io::pipe().unwrap();
    let writer = thread::spawn(move || {
        for piece in [&b"1"[..], b"1:hello", b" world", b",0:", b",2:", b"ok,"]
        {
            writer.write_all(piece).unwrap();
            thread::sleep(Duration::from_millis(20));
        }
    });
    let messages = within(LIMIT, "recv never returned", move || {
        let mut messages = Vec::new();
        while let Some(message) = recv(&mut reader).unwrap() {
            messages.push(message);
        }
        messages
    });
    writer.join().unwrap();
    assert_eq!(messages, [&b"hello world"[..], b"", b"ok"]);
}

#[test]
fn ex3_the_end_of_the_stream_is_told_apart() {
    assert_eq!(received(b"", 1), Vec::<Vec<u8>>::new(), "nothing at all");
    for cut in [&b"5"[..], b"5:", b"5:hel", b"5:hello"] {
        let error = recv(&mut Pieces {
            bytes: cut,
            step: 1,
        });
        assert_eq!(
            error.map_err(|e| e.kind()),
            Err(ErrorKind::UnexpectedEof),
            "the stream ended inside {:?}",
            String::from_utf8_lossy(cut)
        );
    }
}

#[test]
fn ex3_what_is_not_a_netstring_is_invalid_data() {
    let too_long = format!("{}:", MAX_LEN + 1);
    for bad in [
        &b":abc,"[..],
        b"x:abc,",
        b"3abc,",
        b"3:abcX",
        b"-3:abc,",
        too_long.as_bytes(),
        b"99999999999999999999999:",
    ] {
        let error = recv(&mut Pieces {
            bytes: bad,
            step: 1,
        });
        assert_eq!(
            error.map_err(|e| e.kind()),
            Err(ErrorKind::InvalidData),
            "{:?} is not a netstring",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn ex3_send_refuses_a_message_over_max_len() {
    let mut stream = Vec::new();
    send(&mut stream, &vec![b'x'; MAX_LEN]).unwrap();
    let written = stream.len();
    let error = send(&mut stream, &vec![b'x'; MAX_LEN + 1]).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        stream.len(),
        written,
        "nothing of a refused message is written"
    );
}
