//! The course's own tools, used by `cargo exercises` and by the tests in `tests/`.

pub mod hints;
pub mod lessons;
