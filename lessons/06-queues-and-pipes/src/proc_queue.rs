//! Python's `multiprocessing.Queue(10)` between two processes: framed messages
//! over a socket pair, and at most 10 of them sent but not yet taken.
//!
//! The bound is kept with *credits*: the consumer answers every message it
//! takes with one byte, and the producer never has more than `bound` messages
//! unanswered. Python's queue keeps its bound the same way, with a semaphore
//! that `put` takes and `get` gives back.

use std::io::{self, BufReader, ErrorKind, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard, ended_well};

use crate::frame;
use crate::pipes::CHILD_DEADLINE;

// ANCHOR: sender
/// The producer's end of a bounded queue to another process.
pub struct BoundedSender {
    socket: UnixStream,
    bound: usize,
    in_flight: usize, // sent, and not yet answered by a credit
    pub most_in_flight: usize,
    pub found_full: u32,
}

impl BoundedSender {
    /// Sends one message; waits first if `bound` messages are in flight.
    pub fn send(&mut self, message: &[u8]) -> io::Result<()> {
        if self.in_flight == self.bound {
            self.found_full += 1;
            // Blocks until the consumer has taken at least one message.
            let mut credits = [0u8; 64];
            let n = self.socket.read(&mut credits)?;
            if n == 0 {
                return Err(ErrorKind::UnexpectedEof.into()); // it hung up
            }
            self.in_flight -= n;
        }
        frame::send(&mut self.socket, message)?;
        self.in_flight += 1;
        self.most_in_flight = self.most_in_flight.max(self.in_flight);
        Ok(())
    }
}
// ANCHOR_END: sender

// ANCHOR: consumer
/// The child: takes messages until the producer closes its end, answers each
/// one with a credit, then works `work` on it. Prints how many it took.
pub fn consumer(work: Duration) -> io::Result<()> {
    let socket = UnixStream::from(io::stdin().as_fd().try_clone_to_owned()?);
    let mut credits = socket.try_clone()?;
    let mut messages = BufReader::new(socket);
    let mut taken = 0u64;
    while frame::recv(&mut messages)?.is_some() {
        credits.write_all(&[1])?; // one more message may come
        taken += 1;
        std::thread::sleep(work);
    }
    println!("{taken}");
    Ok(())
}
// ANCHOR_END: consumer

/// What one run of the bounded queue between processes showed.
#[derive(Debug, Clone, Copy)]
pub struct Report {
    /// How many messages the consumer says it took.
    pub taken: u64,
    /// The most messages ever sent and not yet answered.
    pub most_in_flight: usize,
    /// How many sends found `bound` messages in flight, and waited.
    pub found_full: u32,
    /// From the first send to the consumer's count.
    pub took: Duration,
}

/// Starts a consumer process that works `work` on each message, and sends it
/// `messages` messages of 8 bytes through a queue that holds `bound`.
pub fn send_to_a_process(
    messages: u64,
    bound: usize,
    work: Duration,
) -> Result<Report> {
    let (socket, child_end) = UnixStream::pair()?;
    socket.set_read_timeout(Some(CHILD_DEADLINE))?; // stuck is an error
    let micros = work.as_micros().to_string();
    let mut command = child::command("consumer", &[&micros])?;
    command.stdin(Stdio::from(OwnedFd::from(child_end)));
    let mut child = ChildGuard::spawn(command.stdout(Stdio::piped()))?;
    drop(command); // our copy of the child's end: now only the child has it
    let mut queue = BoundedSender {
        socket,
        bound,
        in_flight: 0,
        most_in_flight: 0,
        found_full: 0,
    };
    let start = Instant::now();
    for n in 0..messages {
        queue.send(&n.to_le_bytes())?;
    }
    // "No more messages": the consumer's `recv` returns `None`.
    queue.socket.shutdown(std::net::Shutdown::Write)?;
    let mut count = String::new();
    let stdout = child.child_mut().stdout.take().context("stdout is piped")?;
    io::BufReader::new(stdout).read_to_string(&mut count)?;
    let took = start.elapsed();
    let status = child
        .wait_timeout(CHILD_DEADLINE)?
        .context("the consumer is stuck")?;
    ended_well(status, "the consumer")?;
    Ok(Report {
        taken: count.trim().parse().context("the consumer's count")?,
        most_in_flight: queue.most_in_flight,
        found_full: queue.found_full,
        took,
    })
}
