//! Waiting on several channels at once, and waiting with a time limit.

use std::thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, after, bounded, select, tick};

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
            // Fails if nobody listens any more (after the deadline): that is
            // fine.
            let _ = results.send(worker + 1);
        });
    }
    let ticks = tick(every); // a channel that delivers a message every `every`
    // a channel that delivers one message, at the deadline
    let timeout = after(deadline);
    let start = Instant::now();
    let mut events = Vec::new();
    let mut answered = 0;
    while answered < delays.len() {
        // Blocks until one of the three channels has a message, and takes it.
        select! {
            recv(answers) -> worker => {
                answered += 1;
                events.push((start.elapsed(), format!("worker {} answered", worker.unwrap())));
            }
            recv(ticks) -> _ => events.push((start.elapsed(), "tick: still waiting".into())),
            recv(timeout) -> _ => {
                let left = delays.len() - answered;
                events.push((start.elapsed(), format!("deadline: {left} worker(s) still busy")));
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
