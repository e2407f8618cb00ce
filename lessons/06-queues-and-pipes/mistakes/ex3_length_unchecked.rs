//! WRONG: it never compares the length with MAX_LEN, and trusts whatever number
//! arrives.

use std::io::{self, ErrorKind, Read, Write};

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
    let mut length: usize = 0;
    let mut digits = 0;
    loop {
        let mut byte = [0u8];
        match input.read(&mut byte) {
            Ok(0) if digits == 0 => return Ok(None),
            Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        match byte[0] {
            b':' if digits > 0 => break,
            digit @ b'0'..=b'9' => {
                length = length * 10 + usize::from(digit - b'0');
                digits += 1;
            }
            _ => {
                return Err(invalid(
                    "a netstring starts with digits and a ':'",
                ));
            }
        }
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
