//! Cancellation safety: a future dropped between two `.await`s loses what it
//! had read so far. Frames are two lines, a header and a body, read while a
//! ticker fires in another branch of the same `select!`.

use std::time::Duration;

use tokio::io::{
    AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream, duplex,
};
use tokio::time::{interval, sleep};

/// What a reader got out of the stream.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Received {
    /// Frames that arrived whole, header and body.
    pub whole: usize,
    /// Body lines that came without their header.
    pub orphans: usize,
    /// How often the ticker branch won.
    pub ticks: usize,
}

/// Writes `count` frames: a header line, then, `gap` later, its body line,
/// then waits 2 x `gap` before the next frame.
async fn send_frames(mut out: DuplexStream, count: usize, gap: Duration) {
    for n in 0..count {
        let header = format!("frame {n}\n");
        let _ = out.write_all(header.as_bytes()).await;
        sleep(gap).await;
        let body = format!("reading {n}: {} C\n", 18 + n % 5);
        let _ = out.write_all(body.as_bytes()).await;
        sleep(gap * 2).await;
    }
} // dropping `out` ends the stream

// ANCHOR: read_frame
/// One frame, in two awaits. Dropped between them, the header is lost.
async fn read_frame(input: &mut BufReader<DuplexStream>) -> Option<String> {
    let mut frame = String::new();
    input.read_line(&mut frame).await.ok()?; // the header
    if frame.starts_with("frame") {
        input.read_line(&mut frame).await.ok()?; // its body
    }
    (!frame.is_empty()).then_some(frame)
}
// ANCHOR_END: read_frame

// ANCHOR: unsafe
/// Reads frames until the stream ends, with a ticker in the same `select!`.
async fn read_with_ticks(input: DuplexStream, tick: Duration) -> Received {
    let mut input = BufReader::new(input);
    let mut ticker = interval(tick);
    let mut got = Received::default();
    loop {
        tokio::select! {
            frame = read_frame(&mut input) => match frame {
                None => break,
                Some(f) if f.starts_with("frame") => got.whole += 1,
                Some(_) => got.orphans += 1,
            },
            _ = ticker.tick() => got.ticks += 1,
        }
    }
    got
}
// ANCHOR_END: unsafe

// ANCHOR: safe
/// The same, cancel safe: `next_line` keeps a half-read line inside `Lines`,
/// and a header waiting for its body is kept outside the loop.
async fn read_safely(input: DuplexStream, tick: Duration) -> Received {
    let mut lines = BufReader::new(input).lines();
    let mut ticker = interval(tick);
    let mut got = Received::default();
    let mut header: Option<String> = None;
    loop {
        tokio::select! {
            line = lines.next_line() => match line {
                Ok(Some(line)) if line.starts_with("frame") => {
                    header = Some(line);
                }
                Ok(Some(_body)) => match header.take() {
                    Some(_) => got.whole += 1,
                    None => got.orphans += 1,
                },
                _ => break,
            },
            _ = ticker.tick() => got.ticks += 1,
        }
    }
    got
}
// ANCHOR_END: safe

/// How a reader reads the frames.
#[derive(Debug, Clone, Copy)]
pub enum Reader {
    /// `read_frame` as a `select!` branch, made anew each time round.
    TwoAwaits,
    /// `Lines::next_line`, with the header kept outside the loop.
    CancelSafe,
}

/// Sends `count` frames through an in-memory pipe, with `gap` between each
/// header and its body, to a reader whose ticker fires every `tick`.
pub async fn frames_through(
    reader: Reader,
    count: usize,
    gap: Duration,
    tick: Duration,
) -> Received {
    let (out, input) = duplex(1024);
    let sender = tokio::spawn(send_frames(out, count, gap));
    let got = match reader {
        Reader::TwoAwaits => read_with_ticks(input, tick).await,
        Reader::CancelSafe => read_safely(input, tick).await,
    };
    sender.await.expect("the sender panicked");
    got
}
