//! Lesson 03: progress and stopping. The teaching code; `main.rs` narrates it and the book includes it.

pub mod bars;
pub mod messages;
pub mod shared;
pub mod status;
pub mod stop;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 03` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_watch.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_watch.rs")]
pub mod ex1_watch;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_events.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_events.rs")]
pub mod ex2_events;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_deadline.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex3_deadline.rs")]
pub mod ex3_deadline;
