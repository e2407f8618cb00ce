//! Lesson 04: processes. The teaching code; `main.rs` narrates it and the book includes it.

pub mod memory;
pub mod reaping;
pub mod results;
pub mod start;
pub mod stopping;
pub mod together;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 04` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_run_together.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_run_together.rs")]
pub mod ex1_run_together;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_how_it_ended.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_how_it_ended.rs")]
pub mod ex2_how_it_ended;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_parent_of.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex3_parent_of.rs")]
pub mod ex3_parent_of;
