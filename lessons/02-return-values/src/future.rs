//! Future-like handles: start work, do something else, then ask for the value.

use std::sync::mpsc::{self, RecvError, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use tracing::info_span;

// ANCHOR: poll
/// Stands in for a slow job: looks prices up for `wait`, then adds them up.
pub fn total_price(cents: Vec<u32>, wait: Duration) -> u32 {
    let _span = info_span!("job").entered();
    thread::sleep(wait);
    cents.iter().sum()
}

/// Python's `while not future.done()`: start the job, keep main busy with its
/// own work, and ask the handle whether the job has finished. Returns the job's
/// value and how many rounds of other work main did meanwhile.
pub fn poll_until_finished(
    cents: Vec<u32>,
    wait: Duration,
    tick: Duration,
) -> (u32, u32) {
    let job = thread::spawn(move || total_price(cents, wait));
    let mut rounds = 0;
    while !job.is_finished() {
        rounds += 1;
        let _span = info_span!("own work", round = rounds).entered();
        thread::sleep(tick); // main's own work
    }
    // The job has finished, so this `join` returns at once.
    (job.join().expect("the pricing job panicked"), rounds)
}
// ANCHOR_END: poll

// ANCHOR: oneshot
/// A value that a worker will send later: Python's `Future`. Unlike `join`,
/// waiting on it can have a deadline, like `future.result(timeout=...)`.
pub struct Pending<T> {
    value: mpsc::Receiver<T>,
}

/// Starts `work` on a new thread and returns at once, like `executor.submit`.
pub fn submit<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Pending<T> {
    let (sender, value) = mpsc::sync_channel(1); // room for exactly one value
    thread::spawn(move || {
        // If nobody is waiting any more, the send fails, and that is fine.
        let _ = sender.send(work());
    });
    Pending { value }
}

impl<T> Pending<T> {
    /// The value, if it arrives within `deadline`.
    pub fn wait_timeout(
        &self,
        deadline: Duration,
    ) -> Result<T, RecvTimeoutError> {
        let _span = info_span!("wait_timeout").entered();
        self.value.recv_timeout(deadline)
    }

    /// Waits as long as it takes. `Err` means the worker ended without
    /// sending: it panicked, and the channel closed with it.
    pub fn wait(self) -> Result<T, RecvError> {
        self.value.recv()
    }
}
// ANCHOR_END: oneshot

// ANCHOR: never
/// A worker that panics before it sends its result. If the worker held the
/// only sender, the channel closes when the worker dies and waiting ends with
/// `Disconnected`. If main kept a sender too, the channel stays open: `recv`
/// would wait forever, so this waits only until `deadline`.
pub fn result_of_a_crash(
    main_keeps_a_sender: bool,
    deadline: Duration,
) -> RecvTimeoutError {
    let (sender, result) = mpsc::channel::<u32>();
    let spare = main_keeps_a_sender.then(|| sender.clone());
    thread::spawn(move || {
        let readings: Vec<u32> = Vec::new();
        sender.send(readings[0]).unwrap(); // panics: there are no readings
    });
    let outcome = result.recv_timeout(deadline);
    drop(spare);
    outcome.expect_err("the worker cannot have sent anything")
}
// ANCHOR_END: never
