//! Lesson 06: queues and pipes. The teaching code; `main.rs` narrates it and the book includes it.

pub mod bounded;
pub mod ending;
pub mod frame;
pub mod pipes;
pub mod shared_pipe;
pub mod speed;
pub mod stack;
pub mod waiting;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 06` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_pipeline.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_pipeline.rs")]
pub mod ex1_pipeline;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_bounded_stack.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_bounded_stack.rs")]
pub mod ex2_bounded_stack;
