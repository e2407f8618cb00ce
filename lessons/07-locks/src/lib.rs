//! Lesson 07: locks. The teaching code; `main.rs` narrates it and the book
//! includes it.

pub mod bank;
pub mod condvar;
pub mod deadlock;
pub mod file_lock;
pub mod futex;
pub mod futex_lock;
pub mod poison;
pub mod printing;
pub mod rwlock;
pub mod shared_bank;
pub mod spin;

// The exercises: your answers in `exercises/` with the `starter` feature
// (that is what `cargo exercises 07` does), a kept wrong answer with the
// `mistake` feature (`cargo exercises --mistakes-must-fail` puts it, beside
// the other exercises' solutions, in `target/mistake/`), the reference
// solutions otherwise. An unfinished or wrong answer may leave names unused:
// that is expected, not worth a warning.
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_lock_order.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex1_lock_order.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex1_lock_order.rs"
)]
pub mod ex1_lock_order;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_closing_time.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex2_closing_time.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex2_closing_time.rs"
)]
pub mod ex2_closing_time;
#[cfg_attr(any(feature = "starter", feature = "mistake"), allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex3_predict.rs")]
#[cfg_attr(
    all(feature = "mistake", not(feature = "starter")),
    path = "../target/mistake/ex3_predict.rs"
)]
#[cfg_attr(
    not(any(feature = "starter", feature = "mistake")),
    path = "../solutions/ex3_predict.rs"
)]
pub mod ex3_predict;

/// What the spin lock and the futex lock are built from. `tests/loom.rs`
/// compiles `spin.rs` and `futex_lock.rs` again with loom's versions of
/// these, to check them under every interleaving.
mod sync {
    pub use crate::futex::{wait as futex_wait, wake_one as futex_wake_one};
    pub use std::hint::spin_loop;
    pub use std::sync::atomic::{AtomicU32, Ordering};
    pub use std::thread::yield_now;
    /// How many times the futex lock looks at a taken word before it sleeps.
    pub const SPINS: u32 = 100;
}
