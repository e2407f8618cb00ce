//! A time limit for test code that might wait for ever (a lock never freed, a
//! channel never closed): a learner's deadlock fails the test with a message
//! instead of hanging it.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Runs `work` on a thread of its own and returns its result, or panics with
/// `stuck` if it has not finished within `limit`. A panic inside `work` is
/// passed on, message and all. (A stuck thread is left behind; the test
/// process ends with it.)
pub fn within<T: Send + 'static>(
    limit: Duration,
    stuck: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, result) = mpsc::channel();
    let worker = thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("still waiting after {limit:?}: {stuck}")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(worker.join().unwrap_err())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_comes_back() {
        assert_eq!(within(Duration::from_secs(10), "stuck", || 6 * 7), 42);
    }

    #[test]
    #[should_panic(expected = "still waiting after")]
    fn a_stuck_call_fails_at_the_limit() {
        within(Duration::from_millis(20), "stuck", || {
            thread::sleep(Duration::from_secs(5))
        });
    }

    #[test]
    #[should_panic(expected = "the work's own message")]
    fn a_panic_is_passed_on() {
        within(Duration::from_secs(10), "stuck", || {
            panic!("the work's own message")
        });
    }
}
