//! Lesson 08: pools. The teaching code; `main.rs` narrates it and the book includes it.

pub mod background;
pub mod handmade;
pub mod map;
pub mod process_pool;
pub mod reduce;
pub mod sizes;
pub mod work;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 08` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_letter_counts.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_letter_counts.rs")]
pub mod ex1_letter_counts;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_deadline.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_deadline.rs")]
pub mod ex2_deadline;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_pool_map.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex3_pool_map.rs")]
pub mod ex3_pool_map;
