//! Lesson 04: processes. The teaching code; `main.rs` narrates it and the book
//! includes it.

pub mod memory;
pub mod names;
pub mod reaping;
pub mod results;
pub mod start;
pub mod stopping;
pub mod together;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 04` does), a kept wrong answer copied to
// `target/mistake/` when `mistake` is on (`cargo exercises
// --mistakes-must-fail`), the reference solutions otherwise. An unfinished
// starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_count_lines.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex1_count_lines.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_count_lines.rs"
)]
pub mod ex1_count_lines;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_stop_all.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex2_stop_all.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_stop_all.rs"
)]
pub mod ex2_stop_all;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_pipe_capacity.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex3_pipe_capacity.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_pipe_capacity.rs"
)]
pub mod ex3_pipe_capacity;
