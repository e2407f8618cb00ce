//! Lesson 01: threads. The teaching code; `main.rs` narrates it and the book
//! includes it.

pub mod background;
pub mod basics;
pub mod sharing;
pub mod speed;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 01` does); with the `mistake` feature, the
// files `cargo exercises --mistakes-must-fail` puts in `target/mistake/` (the
// solutions, and one kept wrong answer from `mistakes/`); the reference
// solutions otherwise. An unfinished starter has unused names; that is
// expected, not worth a warning.
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex1_named_workers.rs"
)]
#[cfg_attr(
    feature = "mistake",
    path = "../target/mistake/ex1_named_workers.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_named_workers.rs"
)]
pub mod ex1_named_workers;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex2_shared_list.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex2_shared_list.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_shared_list.rs"
)]
pub mod ex2_shared_list;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex3_chunks.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex3_chunks.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_chunks.rs"
)]
pub mod ex3_chunks;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(
    all(feature = "starter", not(feature = "mistake")),
    path = "../exercises/ex4_speedup.rs"
)]
#[cfg_attr(feature = "mistake", path = "../target/mistake/ex4_speedup.rs")]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex4_speedup.rs"
)]
pub mod ex4_speedup;
