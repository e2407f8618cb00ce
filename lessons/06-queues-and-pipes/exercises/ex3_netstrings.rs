//! Exercise 3 (stretch, optional): netstrings.
//!
//! A netstring is another way to frame a message on a byte stream: its
//! length in decimal digits, a colon, its bytes, and a comma. `hello`
//! travels as `5:hello,` and an empty message as `0:,`.
//!
//! `send` writes one message as a netstring, and refuses a message longer
//! than `MAX_LEN` bytes with an error of kind `InvalidInput`, writing
//! nothing.
//!
//! `recv` reads exactly one netstring, however the bytes were split on the
//! way, and not one byte past its comma. It returns `Ok(None)` if the stream
//! ends before a new netstring begins. Bytes that cannot be a netstring (no
//! digits before the `:`, something else than a digit there, a length over
//! `MAX_LEN`, no `,` at the end) are an error of kind `InvalidData`; a
//! stream that ends inside a netstring is one of kind `UnexpectedEof`.
//!
//! Check your answer with `cargo exercises 06`.

use std::io::{self, ErrorKind, Read, Write};

/// The longest message `send` writes and `recv` accepts, in bytes.
pub const MAX_LEN: usize = 1 << 20;

pub fn send(out: &mut impl Write, message: &[u8]) -> io::Result<()> {
    // TODO: write `message` as one netstring.
    todo!("frame a message")
}

pub fn recv(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    // TODO: read exactly one netstring, and not a byte more.
    todo!("read one whole message")
}
