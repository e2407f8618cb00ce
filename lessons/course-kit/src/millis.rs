//! A duration printed always in milliseconds.
//!
//! [`crate::Secs`] picks the unit that reads best on its own (`450.1 ms`, `1.02 s`).
//! Where durations stand side by side to be compared, as in a table of models or a
//! list of rounds, one unit for all of them reads better: `23.2 ms` next to
//! `1007.9 ms` shows the 43x at a glance, `1.01 s` does not. Lessons print such
//! durations with [`Millis`]. (The recording check treats both the same: it blanks
//! numbers and units alike.)

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
