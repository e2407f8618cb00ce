//! Python's `multiprocessing.Queue` with several producer processes: here, ONE
//! pipe that every producer writes into and one consumer reads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, PipeReader, Write};
use std::os::fd::AsFd;
use std::thread;
use std::time::Duration;

use crate::frame;
use anyhow::{Context, Result, bail};
use course_kit::child::{self, ChildGuard, ended_well};

use crate::pipes::CHILD_DEADLINE;

// ANCHOR: shared_pipe
/// Starts `producers` children that all write into one pipe, and returns its
/// read end. `how` is passed on to each child (see [`producer`]).
pub fn start_producers(
    producers: u32,
    how: &[&str],
) -> Result<(PipeReader, Vec<ChildGuard>)> {
    let (reader, writer) = io::pipe()?;
    let mut children = Vec::new();
    for id in 1..=producers {
        let mut command = child::command("producer", &[&id.to_string()])?;
        // every child writes into the same pipe
        command.args(how).stdout(writer.try_clone()?);
        children.push(ChildGuard::spawn(&mut command)?);
    }
    // Keep no write end here: the reader sees the end only when ALL are closed,
    // as a channel closes only when its last sender is dropped.
    drop(writer);
    // Read a little late, as a busy consumer would: the pipe fills up and every
    // producer is left waiting in the middle of a write.
    thread::sleep(Duration::from_millis(50));
    Ok((reader, children))
}
// ANCHOR_END: shared_pipe

// ANCHOR: shared_pipe_read
/// Every producer sends `count` framed messages of `size` bytes.
pub fn receive_frames(
    producers: u32,
    count: u32,
    size: usize,
) -> Result<Vec<String>> {
    let how = ["framed", &count.to_string(), &size.to_string()];
    let (mut reader, children) = start_producers(producers, &how)?;
    let mut messages = Vec::new();
    while let Some(message) = frame::recv(&mut reader)? {
        messages.push(String::from_utf8(message)?);
    }
    wait_for_all(children)?;
    Ok(messages)
}

/// Every producer writes `count` lines of `size` bytes, each line ONE write,
/// with no framing. Returns how many lines came, and how many were mixed.
pub fn receive_big_lines(
    producers: u32,
    count: u32,
    size: usize,
) -> Result<(usize, usize)> {
    let how = ["lines", &count.to_string(), &size.to_string()];
    let (reader, children) = start_producers(producers, &how)?;
    let (mut lines, mut mixed) = (0, 0);
    for line in BufReader::new(reader).split(b'\n') {
        let line = line?;
        lines += 1;
        // A whole line is one letter repeated: one producer's message.
        if line.len() != size || line.iter().any(|&b| b != line[0]) {
            mixed += 1;
        }
    }
    wait_for_all(children)?;
    Ok((lines, mixed))
}
// ANCHOR_END: shared_pipe_read

fn wait_for_all(children: Vec<ChildGuard>) -> Result<()> {
    for mut child in children {
        let status = child
            .wait_timeout(CHILD_DEADLINE)?
            .context("a producer is stuck")?;
        ended_well(status, "a producer")?;
    }
    Ok(())
}

// ANCHOR: producer
/// The child: `ID framed|lines COUNT SIZE`.
pub fn producer(args: &[String]) -> Result<()> {
    let [id, how, count, size] = args else {
        bail!("producer needs: ID framed|lines COUNT SIZE");
    };
    let (id, count, size): (u8, u32, usize) =
        (id.parse()?, count.parse()?, size.parse()?);
    // Straight to file descriptor 1, one write per message: Rust's `stdout()`
    // is line-buffered and would cut a frame wherever a byte happens to be
    // '\n'.
    let mut out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    for n in 1..=count {
        if how == "framed" {
            let mut text = format!("producer {id} message {n} ").into_bytes();
            text.resize(size, b'.');
            // one write of at most PIPE_BUF bytes: never mixed
            frame::send(&mut out, &text)?;
        } else {
            // producer 1 writes aaaa..., 2 bbbb...
            let mut line = vec![b'a' + id - 1; size];
            line.push(b'\n');
            // one call, but larger than PIPE_BUF: may be mixed
            out.write_all(&line)?;
        }
    }
    Ok(())
}
// ANCHOR_END: producer
