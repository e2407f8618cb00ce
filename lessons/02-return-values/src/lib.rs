//! Lesson 02: return values. The teaching code; `main.rs` narrates it and the
//! book includes it.

pub mod errors;
pub mod future;
pub mod gather;
pub mod scoped;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 02` does); with the `mistake` feature, the
// files `cargo exercises --mistakes-must-fail` puts in `target/mistake/` (the
// solutions, and one kept wrong answer from `mistakes/`); the reference
// solutions otherwise. An unfinished starter has unused names; that is
// expected, not worth a warning.
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex1_in_order.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex1_in_order.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_in_order.rs"
)]
pub mod ex1_in_order;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex2_first_failure.rs"
)]
#[cfg_attr(
    feature = "mistake",
    path = "../target/mistake/ex2_first_failure.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_first_failure.rs"
)]
pub mod ex2_first_failure;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex3_as_completed.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex3_as_completed.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_as_completed.rs"
)]
pub mod ex3_as_completed;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex4_first_success.rs"
)]
#[cfg_attr(
    feature = "mistake",
    path = "../target/mistake/ex4_first_success.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex4_first_success.rs"
)]
pub mod ex4_first_success;
