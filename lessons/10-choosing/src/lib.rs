//! Lesson 10: choosing between threads, a pool, processes and async, measured.

pub mod chart;
pub mod cpu_time;
pub mod jobs;
pub mod memory;
pub mod mixed;
pub mod models;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 10` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_compute_from_async.rs")]
#[cfg_attr(
    not(feature = "starter"),
    path = "../solutions/ex1_compute_from_async.rs"
)]
pub mod ex1_compute_from_async;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_isolated.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_isolated.rs")]
pub mod ex2_isolated;
