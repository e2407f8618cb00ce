//! How many messages per second: a channel between threads, a pipe between
//! processes.

use std::io::{self, BufWriter, Read, Write};
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use course_kit::child::{self, ChildGuard, ended_well};
use course_kit::timed;

use crate::frame;
use crossbeam_channel::bounded;

use crate::pipes::CHILD_DEADLINE;

// ANCHOR: channel_speed
/// Sends `messages` numbers from one thread to another through a channel.
pub fn through_channel(messages: u64) -> Duration {
    let (sender, receiver) = bounded(1024);
    let (received, took) = timed(|| {
        thread::scope(|s| {
            s.spawn(move || {
                (0..messages).for_each(|n| sender.send(n).unwrap())
            });
            receiver.iter().count() as u64
        })
    });
    assert_eq!(received, messages);
    took
}
// ANCHOR_END: channel_speed

// ANCHOR: pipe_speed
/// Sends `messages` numbers, framed, to a child process through its stdin; the
/// child counts them. `buffered` gathers many frames into each write.
pub fn through_pipe(messages: u64, buffered: bool) -> Result<Duration> {
    let mut command = child::command("counter", &[])?;
    command.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = ChildGuard::spawn(&mut command)?;
    // after the spawn: time the messages, not starting a process
    let start = Instant::now();
    let stdin = child.child_mut().stdin.take().context("stdin is piped")?;
    let mut pipe: Box<dyn Write> = if buffered {
        // one write per 64 KiB
        Box::new(BufWriter::with_capacity(64 * 1024, stdin))
    } else {
        Box::new(stdin) // one write, so one system call, per message
    };
    for n in 0..messages {
        frame::send(&mut pipe, &n.to_le_bytes())?;
    }
    drop(pipe); // flushes what is buffered, then closes: the child sees the end
    let mut count = String::new();
    child
        .child_mut()
        .stdout
        .take()
        .context("stdout is piped")?
        .read_to_string(&mut count)?;
    let took = start.elapsed();
    let status = child
        .wait_timeout(CHILD_DEADLINE)?
        .context("the counter is stuck")?;
    ended_well(status, "the counter")?;
    ensure!(
        count.trim() == messages.to_string(),
        "the child counted {count}"
    );
    Ok(took)
}
// ANCHOR_END: pipe_speed

// ANCHOR: counter
/// The child: counts the frames on its stdin until it ends.
pub fn counter() -> io::Result<()> {
    let mut input = io::stdin().lock(); // buffered: many frames per read
    let mut count = 0u64;
    while frame::recv(&mut input)?.is_some() {
        count += 1;
    }
    println!("{count}");
    Ok(())
}
// ANCHOR_END: counter

/// How long framing alone takes, in memory, with no pipe: `frame::send` of
/// `messages` 8-byte messages into a buffer, then `frame::recv` of them all.
/// Both allocate a `Vec` for each message.
pub fn framing_in_memory(messages: u64) -> (Duration, Duration) {
    let mut stream = Vec::with_capacity(12 * messages as usize);
    let ((), sending) = timed(|| {
        for n in 0..messages {
            frame::send(&mut stream, &n.to_le_bytes()).expect("into memory");
        }
    });
    let mut input = &stream[..];
    let (count, receiving) = timed(|| {
        let mut count = 0u64;
        while frame::recv(&mut input).expect("from memory").is_some() {
            count += 1;
        }
        count
    });
    assert_eq!(count, messages);
    (sending, receiving)
}
