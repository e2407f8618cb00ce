//! Exercise 3 (stretch, optional): predict, then measure.
//!
//! How many things happen at the same moment, under each model? Answer each
//! question with a number (or a formula in `cores`, the number of threads
//! rayon's pool starts on this machine) BEFORE you run anything. Then
//! `cargo exercises 10` runs each situation, counts the most that ran at
//! once and prints it; each test passes when your answer matches.
//!
//! Check your answers with `cargo exercises 10`.

/// `4 * cores` jobs, each sleeping 20 ms, run on rayon's pool
/// (`into_par_iter().for_each(...)`). At most how many sleep at once?
pub fn sleeping_jobs_on_rayon(cores: usize) -> usize {
    // TODO: your prediction.
    todo!("how many at once?")
}

/// 8 tokio tasks, each computing for 20 ms without an `.await`, on a
/// one-thread runtime. At most how many compute at once?
pub fn computing_tasks_on_one_thread(cores: usize) -> usize {
    // TODO: your prediction.
    todo!("how many at once?")
}

/// 8 tokio tasks on a one-thread runtime each hand a 300 ms sleep to
/// `spawn_blocking` and await it. At most how many sleep at once?
pub fn blocking_sleeps_from_one_thread(cores: usize) -> usize {
    // TODO: your prediction.
    todo!("how many at once?")
}

/// 100 tokio tasks, each awaiting `tokio::time::sleep` for 20 ms, on a
/// one-thread runtime. At most how many are asleep at once?
pub fn sleeping_tasks_on_one_thread(cores: usize) -> usize {
    // TODO: your prediction.
    todo!("how many at once?")
}
