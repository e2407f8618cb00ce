//! Lesson 06: queues and pipes. The teaching code; `main.rs` narrates it and
//! the book includes it.

pub mod bounded;
pub mod ending;
pub mod frame;
pub mod pipes;
pub mod proc_queue;
pub mod readers;
pub mod shared_pipe;
pub mod speed;
pub mod stack;
pub mod waiting;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 06` does), a kept wrong answer copied to
// `target/mistake/` when `mistake` is on (`cargo exercises
// --mistakes-must-fail`), the reference solutions otherwise. An unfinished
// starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_pipeline.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex1_pipeline.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_pipeline.rs"
)]
pub mod ex1_pipeline;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_bounded_stack.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex2_bounded_stack.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_bounded_stack.rs"
)]
pub mod ex2_bounded_stack;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_netstrings.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex3_netstrings.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_netstrings.rs"
)]
pub mod ex3_netstrings;
