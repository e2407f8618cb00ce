//! Whole messages over a byte stream (a pipe, a socket): Rust's answer to the
//! pickled messages of Python's `Pipe` and `multiprocessing.Queue`.
//!
//! A pipe carries bytes, not messages: one `read` may return half a message, or
//! two. So each message travels as a *frame*: its length in 4 bytes
//! (little-endian), then its bytes. [`recv`] reads exactly one frame and
//! returns exactly one message.

use std::io::{self, ErrorKind, Read, Write};

// ANCHOR: frame_send
/// The largest write a Linux pipe promises not to mix with other writers'
/// (POSIX `PIPE_BUF`). A frame no longer than this arrives whole even when
/// several processes write into the same pipe.
pub const PIPE_BUF: usize = 4096;

/// The longest message [`send`] takes: its frame (4 bytes of length, then the
/// message) must fit in [`PIPE_BUF`].
pub const MAX_MESSAGE: usize = PIPE_BUF - 4;

/// Sends `message` as one frame, in ONE `write_all` call. It refuses a message
/// over [`MAX_MESSAGE`] bytes, so every frame it writes fits in [`PIPE_BUF`]
/// and reaches a shared pipe in one piece.
pub fn send(out: &mut impl Write, message: &[u8]) -> io::Result<()> {
    if message.len() > MAX_MESSAGE {
        let why = format!(
            "a message of {} bytes: the most is {MAX_MESSAGE}",
            message.len()
        );
        return Err(io::Error::new(ErrorKind::InvalidInput, why));
    }
    let length = message.len() as u32; // at most 4092: it fits
    let mut frame = Vec::with_capacity(4 + message.len());
    frame.extend_from_slice(&length.to_le_bytes());
    frame.extend_from_slice(message);
    out.write_all(&frame)
}
// ANCHOR_END: frame_send

// ANCHOR: frame_recv
/// Receives one whole message, however the bytes were split on the way.
/// `Ok(None)` means the stream ended cleanly, between two frames.
pub fn recv(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut length = [0u8; 4];
    // The first byte tells "the writer closed" (0 bytes) from "a frame starts".
    loop {
        match input.read(&mut length[..1]) {
            Ok(0) => return Ok(None),
            Ok(_) => break,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    // From here on, an end of stream is an error: the frame was cut short.
    input.read_exact(&mut length[1..])?;
    let length = u32::from_le_bytes(length) as usize;
    if length > MAX_MESSAGE {
        // not a frame from `send`: the stream is torn or not framed at all
        let why = format!("a length of {length}: not a frame");
        return Err(io::Error::new(ErrorKind::InvalidData, why));
    }
    let mut message = vec![0u8; length];
    input.read_exact(&mut message)?;
    Ok(Some(message))
}
// ANCHOR_END: frame_recv

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte per `read`, like a pipe at its worst.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn messages_come_back_whole_and_in_order() {
        let mut stream = Vec::new();
        for message in [&b"10"[..], b"", b"eleven"] {
            send(&mut stream, message).unwrap();
        }
        let mut input = Trickle(&stream);
        assert_eq!(recv(&mut input).unwrap().unwrap(), b"10");
        assert_eq!(recv(&mut input).unwrap().unwrap(), b"");
        assert_eq!(recv(&mut input).unwrap().unwrap(), b"eleven");
        assert!(recv(&mut input).unwrap().is_none());
    }

    #[test]
    fn a_frame_over_pipe_buf_is_refused() {
        let mut stream = Vec::new();
        send(&mut stream, &[b'x'; MAX_MESSAGE]).unwrap();
        assert_eq!(
            stream.len(),
            PIPE_BUF,
            "the longest frame fills PIPE_BUF exactly"
        );
        let error = send(&mut stream, &[b'x'; MAX_MESSAGE + 1]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(
            stream.len(),
            PIPE_BUF,
            "nothing of a refused frame is written"
        );
    }

    #[test]
    fn a_frame_cut_short_is_an_error() {
        let mut stream = Vec::new();
        send(&mut stream, b"whole message").unwrap();
        stream.truncate(7);
        let error = recv(&mut Trickle(&stream)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnexpectedEof);
    }
}
