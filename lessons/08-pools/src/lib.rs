//! Lesson 08: pools. The teaching code; `main.rs` narrates it and the book
//! includes it.

pub mod background;
pub mod handmade;
pub mod map;
pub mod process_pool;
pub mod reduce;
pub mod sizes;
pub mod work;

// The exercises: your answers in `exercises/` with the `starter` feature
// (that is what `cargo exercises 08` does), a kept wrong answer with the
// `mistake` feature (`cargo exercises --mistakes-must-fail` puts it, beside
// the other exercises' solutions, in `target/mistake/`), the reference
// solutions otherwise. An unfinished or wrong answer may leave names unused:
// that is expected, not worth a warning.
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_letter_counts.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex1_letter_counts.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_letter_counts.rs"
)]
pub mod ex1_letter_counts;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_first_answer.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex2_first_answer.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_first_answer.rs"
)]
pub mod ex2_first_answer;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_pool_map.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex3_pool_map.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_pool_map.rs"
)]
pub mod ex3_pool_map;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex4_sturdy_pool.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex4_sturdy_pool.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex4_sturdy_pool.rs"
)]
pub mod ex4_sturdy_pool;
