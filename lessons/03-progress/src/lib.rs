//! Lesson 03: progress and stopping. The teaching code; `main.rs` narrates it
//! and the book includes it.

pub mod bars;
pub mod messages;
pub mod shared;
pub mod status;
pub mod stop;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 03` does); with the `mistake` feature, the
// files `cargo exercises --mistakes-must-fail` puts in `target/mistake/` (the
// solutions, and one kept wrong answer from `mistakes/`); the reference
// solutions otherwise. An unfinished starter has unused names; that is
// expected, not worth a warning.
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex1_reporter.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex1_reporter.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_reporter.rs"
)]
pub mod ex1_reporter;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex2_events.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex2_events.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_events.rs"
)]
pub mod ex2_events;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex3_deadline.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex3_deadline.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_deadline.rs"
)]
pub mod ex3_deadline;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex4_first_bad_item.rs"
)]
#[cfg_attr(
    feature = "mistake",
    path = "../target/mistake/ex4_first_bad_item.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex4_first_bad_item.rs"
)]
pub mod ex4_first_bad_item;
