//! Waiting on several channels at once, and waiting with a time limit.

use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{
    Receiver, RecvTimeoutError, after, bounded, never, select, tick, unbounded,
};

// ANCHOR: select
/// Three workers that take `delays` to answer, a ticker, and one deadline,
/// all watched by one loop. Returns what happened, in order, with the time.
pub fn watch_workers(
    delays: &[Duration],
    every: Duration,
    deadline: Duration,
) -> Vec<(Duration, String)> {
    let (results, answers) = bounded(delays.len());
    for (worker, &delay) in delays.iter().enumerate() {
        let results = results.clone();
        thread::spawn(move || {
            thread::sleep(delay);
            let _ = results.send(worker + 1); // fails if nobody listens: fine
        });
    }
    let ticks = tick(every); // delivers a message every `every`
    let timeout = after(deadline); // delivers one message, at the deadline
    let start = Instant::now();
    let mut events = Vec::new();
    let mut note = |what: String| events.push((start.elapsed(), what));
    let mut answered = 0;
    while answered < delays.len() {
        // Blocks until one of the three channels has a message, and takes it.
        select! {
            recv(answers) -> worker => {
                // Never closed: `results` above still holds it open.
                let worker = worker.expect("`results` keeps it open");
                answered += 1;
                note(format!("worker {worker} answered"));
            }
            recv(ticks) -> _ => note("tick: still waiting".into()),
            recv(timeout) -> _ => {
                let left = delays.len() - answered;
                note(format!("deadline: {left} worker(s) still busy"));
                break;
            }
        }
    }
    events
}
// ANCHOR_END: select

// ANCHOR: timeout
/// One slow worker; the caller checks back every `patience` instead of
/// blocking for good. Returns how many times it gave up before the answer came.
pub fn poll_with_timeout(
    work: Duration,
    patience: Duration,
) -> (u32, Duration) {
    let (sender, receiver) = bounded(1);
    let start = Instant::now();
    thread::spawn(move || {
        thread::sleep(work);
        sender.send("the report").unwrap();
    });
    let mut gave_up = 0;
    loop {
        match receiver.recv_timeout(patience) {
            Ok(_report) => return (gave_up, start.elapsed()),
            // a moment to do something else
            Err(RecvTimeoutError::Timeout) => gave_up += 1,
            Err(RecvTimeoutError::Disconnected) => panic!("the worker died"),
        }
    }
}
// ANCHOR_END: timeout

// ANCHOR: random
/// Two channels that both always have a message waiting: `select!` serves
/// them `rounds` times. Returns how often it chose each one.
pub fn both_ready(rounds: u32) -> (u32, u32) {
    let (first, firsts) = unbounded();
    let (second, seconds) = unbounded();
    for _ in 0..rounds {
        first.send(()).unwrap();
        second.send(()).unwrap();
    }
    let (mut chose_first, mut chose_second) = (0, 0);
    for _ in 0..rounds {
        select! {
            recv(firsts) -> _ => chose_first += 1,
            recv(seconds) -> _ => chose_second += 1,
        }
    }
    (chose_first, chose_second)
}
// ANCHOR_END: random

/// What a `select!` loop did while it waited for its one slow answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spun {
    /// How many times the branch of the closed channel ran.
    pub closed_branch: u64,
    /// How long the loop took to get the slow answer.
    pub took: Duration,
}

// ANCHOR: closed
/// A quick worker that has finished (its channel is closed) and a slow one that
/// answers after `slow`. With `fixed`, the loop swaps the closed channel for
/// `never()`, which is never ready; without, the closed one is ready at once,
/// every time round.
pub fn one_closes_early(slow: Duration, fixed: bool) -> Spun {
    let (quick, mut quick_done) = bounded(1);
    let (late, late_done): (_, Receiver<&str>) = bounded(1);
    let quick_worker = thread::spawn(move || quick.send("quick").unwrap());
    quick_worker.join().unwrap(); // it has finished: its channel is closed
    thread::spawn(move || {
        thread::sleep(slow);
        late.send("late").unwrap();
    });
    let start = Instant::now();
    let mut closed_branch = 0;
    loop {
        select! {
            recv(quick_done) -> answer => {
                if answer.is_err() { // closed: `answer.unwrap()` panics
                    closed_branch += 1;
                    if fixed {
                        quick_done = never(); // stop asking
                    }
                }
            }
            recv(late_done) -> _ => break,
        }
    }
    Spun {
        closed_branch,
        took: start.elapsed(),
    }
}
// ANCHOR_END: closed

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deadline_cuts_off_the_slow_worker() {
        let ms = Duration::from_millis;
        let events = watch_workers(&[ms(10), ms(2000)], ms(1000), ms(300));
        let last = &events.last().unwrap().1;
        assert!(last.contains("1 worker(s) still busy"), "{events:?}");
        assert!(events.iter().any(|(_, e)| e == "worker 1 answered"));
    }
}
