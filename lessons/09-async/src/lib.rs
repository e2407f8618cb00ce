//! Lesson 09: async with tokio. The teaching code; `main.rs` narrates it and the book includes it.

pub mod blocking;
pub mod cancel;
pub mod commands;
pub mod echo;
pub mod gather;
pub mod many;
pub mod nested;
pub mod timing;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 09` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_gather.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_gather.rs")]
pub mod ex1_gather;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_limited.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_limited.rs")]
pub mod ex2_limited;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_off_the_runtime.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex3_off_the_runtime.rs")]
pub mod ex3_off_the_runtime;
