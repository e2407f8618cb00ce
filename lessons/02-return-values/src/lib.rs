//! Lesson 02: return values. The teaching code; `main.rs` narrates it and the book includes it.

pub mod errors;
pub mod future;
pub mod gather;
pub mod scoped;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 02` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_in_order.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_in_order.rs")]
pub mod ex1_in_order;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_first_failure.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_first_failure.rs")]
pub mod ex2_first_failure;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_as_completed.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex3_as_completed.rs")]
pub mod ex3_as_completed;
