//! Lesson 09: async with tokio. The teaching code; `main.rs` narrates it and
//! the book includes it.

pub mod blocking;
pub mod cancel;
pub mod commands;
pub mod echo;
pub mod gather;
pub mod many;
pub mod nested;
pub mod poll;
pub mod stuck;
pub mod timing;

// The exercises: your answers in `exercises/` with the `starter` feature
// (that is what `cargo exercises 09` does), a kept wrong answer with the
// `mistake` feature (`cargo exercises --mistakes-must-fail` puts it, beside
// the other exercises' solutions, in `target/mistake/`), the reference
// solutions otherwise. An unfinished or wrong answer may leave names unused:
// that is expected, not worth a warning.
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_gather.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex1_gather.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_gather.rs"
)]
pub mod ex1_gather;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_limited.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex2_limited.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_limited.rs"
)]
pub mod ex2_limited;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_readings.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex3_readings.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_readings.rs"
)]
pub mod ex3_readings;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex4_pipeline.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex4_pipeline.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex4_pipeline.rs"
)]
pub mod ex4_pipeline;

// Issue 14: select! and cancellation, channels, task handles, a limit.
pub mod channels;
pub mod frames;
pub mod handles;
pub mod limit;
pub mod select;
