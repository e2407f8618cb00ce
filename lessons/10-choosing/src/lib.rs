//! Lesson 10: choosing between threads, a pool, processes and async, measured.

pub mod chart;
pub mod cpu_time;
pub mod jobs;
pub mod memory;
pub mod mixed;
pub mod models;

// The exercises: your answers in `exercises/` with the `starter` feature
// (that is what `cargo exercises 10` does), a kept wrong answer with the
// `mistake` feature (`cargo exercises --mistakes-must-fail` puts it, beside
// the other exercises' solutions, in `target/mistake/`), the reference
// solutions otherwise. An unfinished or wrong answer may leave names unused:
// that is expected, not worth a warning.
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    feature = "starter",
    path = "../exercises/ex1_compute_from_async.rs"
)]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex1_compute_from_async.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_compute_from_async.rs"
)]
pub mod ex1_compute_from_async;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_isolated.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex2_isolated.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_isolated.rs"
)]
pub mod ex2_isolated;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_predict.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex3_predict.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_predict.rs"
)]
pub mod ex3_predict;
