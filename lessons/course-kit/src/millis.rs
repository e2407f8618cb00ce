//! A duration printed always in milliseconds.
//!
//! [`crate::Secs`] picks the unit that reads best (`450.1 ms`, `1.02 s`), so a line
//! can change its unit when a loaded machine pushes a timing past one second, and
//! the recorded output the book shows no longer matches. Lessons whose timings
//! may cross that line print them with [`Millis`] instead: the unit never changes.

use std::fmt;
use std::time::Duration;

/// A duration printed as `1234.5 ms`, whatever its size.
#[derive(Clone, Copy, Debug)]
pub struct Millis(pub Duration);

impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} ms", self.0.as_secs_f64() * 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_is_always_ms() {
        assert_eq!(Millis(Duration::from_millis(1500)).to_string(), "1500.0 ms");
        assert_eq!(Millis(Duration::from_micros(45_600)).to_string(), "45.6 ms");
    }
}
