//! The course's own tools, used by `cargo exercises`, `cargo record` and the
//! tests in `tests/`.

pub mod hints;
pub mod lessons;
