//! Measuring how long something took, and printing it so people can read it.

use std::fmt;
use std::time::{Duration, Instant};

/// Runs `work` and returns its result together with how long it took.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

/// A duration printed for people: `1.23 s`, `45.6 ms` or `7.8 µs`.
#[derive(Clone, Copy, Debug)]
pub struct Secs(pub Duration);

impl fmt::Display for Secs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0.as_secs_f64();
        if seconds >= 1.0 {
            write!(f, "{seconds:.2} s")
        } else if seconds >= 0.001 {
            write!(f, "{:.1} ms", seconds * 1e3)
        } else {
            write!(f, "{:.1} µs", seconds * 1e6)
        }
    }
}

/// A duration printed always in milliseconds: `1234.5 ms`, whatever its size.
///
/// [`Secs`] picks the unit that reads best on its own (`450.1 ms`, `1.02 s`).
/// Where durations stand side by side to be compared, as in a table of models
/// or a list of rounds, one unit for all of them reads better: `23.2 ms` next
/// to `1007.9 ms` shows the 43x at a glance, `1.01 s` does not.
#[derive(Clone, Copy, Debug)]
pub struct Millis(pub Duration);

impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1} ms", self.0.as_secs_f64() * 1e3)
    }
}

/// Which build is running, for parts that measure speed: `optimised build
/// (opt-level 2)`. An unoptimised build computes many times slower than Rust
/// can, so its timings say little; the workspace builds lessons optimised even
/// for `cargo run` (see `[profile.dev]` in the root Cargo.toml).
pub fn build() -> String {
    let level = env!("COURSE_KIT_OPT_LEVEL");
    let kind = match level {
        "0" => "unoptimised build",
        _ => "optimised build",
    };
    format!("{kind} (opt-level {level})")
}

/// How many times faster `fast` was than `slow` (2.0 means twice as fast).
pub fn speedup(slow: Duration, fast: Duration) -> f64 {
    slow.as_secs_f64() / fast.as_secs_f64().max(1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_in_a_readable_unit() {
        assert_eq!(Secs(Duration::from_millis(1500)).to_string(), "1.50 s");
        assert_eq!(Secs(Duration::from_micros(45_600)).to_string(), "45.6 ms");
        assert_eq!(Secs(Duration::from_nanos(7_800)).to_string(), "7.8 µs");
    }

    #[test]
    fn speedup_is_slow_over_fast() {
        let s = speedup(Duration::from_millis(600), Duration::from_millis(300));
        assert!((s - 2.0).abs() < 1e-9);
    }

    #[test]
    fn the_unit_is_always_ms() {
        assert_eq!(
            Millis(Duration::from_millis(1500)).to_string(),
            "1500.0 ms"
        );
        assert_eq!(
            Millis(Duration::from_micros(45_600)).to_string(),
            "45.6 ms"
        );
    }
}
