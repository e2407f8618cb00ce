//! The asyncio timing example of the Python tutorials, re-told: three calls
//! that each wait twice, one after another and then concurrently, on one
//! thread.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::sleep;
use tracing::{Instrument, Span, info_span};

// ANCHOR: steps
/// Says "one", waits, "two", waits, "three". The log records who said what, in
/// the order it happened. `sleep(...).await` hands the thread back to the
/// runtime while this call waits, so other calls can run in the meantime.
/// Each wait is a span on the timeline.
pub async fn three_steps(
    call: usize,
    wait: Duration,
    log: &Mutex<Vec<String>>,
) {
    let say = |word: &str| log.lock().unwrap().push(format!("{word}{call}"));
    say("one");
    sleep(wait).instrument(info_span!("waits")).await;
    say("two");
    sleep(wait).instrument(info_span!("waits")).await;
    say("three");
}
// ANCHOR_END: steps

/// A span for call number `call`, on a lane of its own. `.instrument(span)`
/// enters it each time the call runs; it lasts until the call has returned.
fn drawn(call: usize) -> Span {
    info_span!("call", lane = format!("call {call}"))
}

// ANCHOR: rounds
/// Awaits the three calls one at a time: each starts when the last is done.
pub async fn one_after_another(wait: Duration, log: &Mutex<Vec<String>>) {
    for call in 1..=3 {
        three_steps(call, wait, log).instrument(drawn(call)).await;
    }
}

/// Awaits the three calls together, like `asyncio.gather`: `join!` polls all
/// three in this one task, on this one thread, until every one has finished.
pub async fn concurrently(wait: Duration, log: &Mutex<Vec<String>>) {
    tokio::join!(
        three_steps(1, wait, log).instrument(drawn(1)),
        three_steps(2, wait, log).instrument(drawn(2)),
        three_steps(3, wait, log).instrument(drawn(3)),
    );
}
// ANCHOR_END: rounds
