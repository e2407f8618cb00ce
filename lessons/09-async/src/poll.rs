//! What `.await` is: a future is a value with a `poll` method. It does
//! nothing until something polls it, and after `Pending` it is polled again
//! only once it has been woken.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

// ANCHOR: slow
/// A future that is ready on its `ready_on`th poll. Each poll before that
/// returns `Pending`; if `woken`, it first hands a copy of its waker to a
/// thread that calls `wake` 10 ms later.
pub struct Slow {
    pub polls: Arc<AtomicU32>,
    pub ready_on: u32,
    pub woken: bool,
}
// ANCHOR_END: slow

// ANCHOR: future
impl Future for Slow {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let poll = self.polls.fetch_add(1, Ordering::Relaxed) + 1;
        if poll == self.ready_on {
            println!("    poll {poll}: ready");
            return Poll::Ready(poll);
        }
        if !self.woken {
            println!("    poll {poll}: pending; nobody will wake it");
            return Poll::Pending;
        }
        println!("    poll {poll}: pending; a thread wakes it in 10 ms");
        let waker = cx.waker().clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(10));
            println!("    woken");
            waker.wake(); // asks the runtime to poll this task again
        });
        Poll::Pending
    }
}
// ANCHOR_END: future

impl Slow {
    /// A `Slow` future ready on poll `ready_on`, and its poll counter.
    pub fn new(ready_on: u32, woken: bool) -> (Self, Arc<AtomicU32>) {
        let polls = Arc::new(AtomicU32::new(0));
        let slow = Slow {
            polls: Arc::clone(&polls),
            ready_on,
            woken,
        };
        (slow, polls)
    }
}
