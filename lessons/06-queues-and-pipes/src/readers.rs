//! Several reader processes on one pipe: what Python's documentation warns
//! against ("data in a pipe may become corrupted if two processes try to read
//! from the same end of the pipe at the same time"), shown with a count.

use std::fs::File;
use std::io::{self, ErrorKind, PipeReader, PipeWriter, Read};
use std::os::fd::AsFd;
use std::process::Stdio;

use anyhow::{Context, Result, bail};
use course_kit::child::{self, ChildGuard, ended_well};

use crate::frame;
use crate::pipes::CHILD_DEADLINE;

/// Message `n`: `message 000017 ...`, 40 bytes.
fn message(n: u32) -> Vec<u8> {
    let mut text = format!("message {n:06} ").into_bytes();
    text.resize(40, b'.');
    text
}

/// What a reader said: how many whole messages it read, and whether it
/// stopped at a torn frame (1) or at the end of the pipe (0).
#[derive(Debug, Clone, Copy)]
pub struct Said {
    pub whole: u32,
    pub torn: u32,
}

// ANCHOR: shared
/// Starts `readers` children that all read the SAME pipe, and sends
/// `messages` frames into it, one write each.
pub fn one_pipe_for_all(readers: usize, messages: u32) -> Result<Vec<Said>> {
    let (reader, mut writer) = io::pipe()?;
    let mut children = Vec::new();
    for _ in 0..readers {
        children.push(start_reader(reader.try_clone()?)?);
    }
    drop(reader); // only the children read
    for n in 0..messages {
        if !send(&mut writer, n)? {
            break; // every reader has given up
        }
    }
    drop(writer); // closed: a reader still reading sees the end
    children.into_iter().map(what_it_said).collect()
}
// ANCHOR_END: shared

// ANCHOR: own_pipe
/// The fix: a pipe for each reader, and the parent deals the messages out in
/// turn. Every byte of a pipe has one reader.
pub fn a_pipe_each(readers: usize, messages: u32) -> Result<Vec<Said>> {
    let mut children = Vec::new();
    let mut pipes = Vec::new();
    for _ in 0..readers {
        let (reader, writer) = io::pipe()?;
        children.push(start_reader(reader)?);
        pipes.push(writer);
    }
    for n in 0..messages {
        send(&mut pipes[n as usize % readers], n)?;
    }
    drop(pipes);
    children.into_iter().map(what_it_said).collect()
}
// ANCHOR_END: own_pipe

/// Sends message `n` as one frame; `false` if nobody reads the pipe any more.
fn send(pipe: &mut PipeWriter, n: u32) -> Result<bool> {
    match frame::send(pipe, &message(n)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn start_reader(stdin: PipeReader) -> Result<ChildGuard> {
    let mut command = child::command("reader", &[])?;
    command.stdin(stdin).stdout(Stdio::piped());
    ChildGuard::spawn(&mut command)
}

/// Waits for a reader and gives back the line it printed.
fn what_it_said(mut child: ChildGuard) -> Result<Said> {
    let mut said = String::new();
    let stdout = child.child_mut().stdout.take().context("stdout is piped")?;
    io::BufReader::new(stdout).read_to_string(&mut said)?;
    let status = child
        .wait_timeout(CHILD_DEADLINE)?
        .context("a reader is stuck")?;
    ended_well(status, "a reader")?;
    let numbers: Vec<u32> = said
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .with_context(|| format!("a reader said {said:?}"))?;
    let [whole, torn] = numbers[..] else {
        bail!("a reader said {said:?}");
    };
    Ok(Said { whole, torn })
}

// ANCHOR: reader
/// The child: reads frames from its stdin, as Python's `Connection.recv`
/// does (the length, then the message), until the pipe ends or a frame is
/// torn. Prints how many whole messages it read, and how many torn frames.
pub fn reader() -> io::Result<()> {
    let mut pipe = File::from(io::stdin().as_fd().try_clone_to_owned()?);
    let (mut whole, mut torn) = (0u32, 0u32);
    loop {
        match frame::recv(&mut pipe) {
            Ok(None) => break, // the end of the pipe
            Ok(Some(text)) if text.len() == 40 && text.starts_with(b"mes") => {
                whole += 1;
            }
            // Lost: a length that is not one, or bytes of two messages.
            // Where does the next frame start? Nobody can tell.
            Ok(Some(_)) | Err(_) => {
                torn += 1;
                break;
            }
        }
    }
    println!("{whole} {torn}");
    Ok(())
}
// ANCHOR_END: reader
