//! Lesson 05: shared memory between processes. The teaching code; `main.rs`
//! narrates it and the book includes it. The shared memory itself is
//! `course_kit::shm`, which lesson 07 uses too.

pub mod basics;
pub mod counter;
pub mod counting;
pub mod lifecycle;
pub mod progress;
#[cfg(feature = "shared-memory-crate")]
pub mod the_crate;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 05` does), a kept wrong answer copied to
// `target/mistake/` when `mistake` is on (`cargo exercises
// --mistakes-must-fail`), the reference solutions otherwise. An unfinished
// starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_partial_sums.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex1_partial_sums.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_partial_sums.rs"
)]
pub mod ex1_partial_sums;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_histogram.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex2_histogram.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_histogram.rs"
)]
pub mod ex2_histogram;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_compare_exchange.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex3_compare_exchange.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_compare_exchange.rs"
)]
pub mod ex3_compare_exchange;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(
    feature = "starter",
    path = "../exercises/ex4_what_a_reader_sees.rs"
)]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex4_what_a_reader_sees.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex4_what_a_reader_sees.rs"
)]
pub mod ex4_what_a_reader_sees;
