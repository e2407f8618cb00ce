//! Lesson 07: locks. The teaching code; `main.rs` narrates it and the book includes it.

pub mod bank;
pub mod condvar;
pub mod deadlock;
pub mod file_lock;
pub mod poison;
pub mod printing;
pub mod rwlock;
pub mod shared_bank;
pub mod spin;

// The exercises: your answers in `exercises/` when the `starter` feature is on
// (that is what `cargo exercises 07` does), the reference solutions otherwise.
// An unfinished starter has unused names; that is expected, not worth a warning.
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex1_lock_order.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex1_lock_order.rs")]
pub mod ex1_lock_order;
#[cfg_attr(feature = "starter", allow(unused))]
#[cfg_attr(feature = "starter", path = "../exercises/ex2_wait_for_funds.rs")]
#[cfg_attr(not(feature = "starter"), path = "../solutions/ex2_wait_for_funds.rs")]
pub mod ex2_wait_for_funds;

/// What the spin lock is built from. `tests/loom.rs` compiles `spin.rs` again
/// with loom's versions of these, to check it under every interleaving.
mod sync {
    pub use std::hint::spin_loop;
    pub use std::sync::atomic::{AtomicU32, Ordering};
    pub use std::thread::yield_now;
}
