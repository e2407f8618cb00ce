//! WRONG: it wraps the stream in a BufReader, which reads ahead and throws away
//! the start of the next netstring.

use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};

/// The longest message `send` writes and `recv` accepts, in bytes.
pub const MAX_LEN: usize = 1 << 20;

pub fn send(out: &mut impl Write, message: &[u8]) -> io::Result<()> {
    if message.len() > MAX_LEN {
        let why = format!("{} bytes: the most is {MAX_LEN}", message.len());
        return Err(io::Error::new(ErrorKind::InvalidInput, why));
    }
    let mut netstring = format!("{}:", message.len()).into_bytes();
    netstring.extend_from_slice(message);
    netstring.push(b',');
    out.write_all(&netstring)
}

fn invalid(why: &str) -> io::Error {
    io::Error::new(ErrorKind::InvalidData, why.to_string())
}

pub fn recv(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut input = BufReader::new(input);
    let mut length = Vec::new();
    input.read_until(b':', &mut length)?;
    if length.is_empty() {
        return Ok(None);
    }
    if length.pop() != Some(b':') {
        return Err(ErrorKind::UnexpectedEof.into());
    }
    if length.is_empty() || !length.iter().all(u8::is_ascii_digit) {
        return Err(invalid("a netstring starts with digits and a ':'"));
    }
    let length: usize = String::from_utf8_lossy(&length)
        .parse()
        .map_err(|_| invalid("a length too large"))?;
    if length > MAX_LEN {
        return Err(invalid("a netstring longer than MAX_LEN"));
    }
    let mut message = vec![0; length];
    input.read_exact(&mut message)?;
    let mut comma = [0u8];
    input.read_exact(&mut comma)?;
    if comma != *b"," {
        return Err(invalid("a netstring ends with ','"));
    }
    Ok(Some(message))
}
