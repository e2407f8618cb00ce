//! Lesson 05: shared memory between processes. The teaching code; `main.rs`
//! narrates it and the book includes it. The shared memory itself is
//! `course_kit::shm`, which lesson 07 uses too.

pub mod basics;
pub mod counting;
pub mod lifecycle;
pub mod progress;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 05` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_histogram.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_histogram.rs")]
pub mod ex1_histogram;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_compare_exchange.rs")]
#[cfg_attr(
    not(feature = "starter"),
    path = "../solutions/ex2_compare_exchange.rs"
)]
pub mod ex2_compare_exchange;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_best_score.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex3_best_score.rs")]
pub mod ex3_best_score;
