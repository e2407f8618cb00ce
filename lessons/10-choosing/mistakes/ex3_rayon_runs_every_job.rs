//! WRONG: predicts that rayon's pool runs every sleeping job at once, as
//! threads would.

/// `4 * cores` jobs, each sleeping 20 ms, run on rayon's pool
/// (`into_par_iter().for_each(...)`). At most how many sleep at once?
pub fn sleeping_jobs_on_rayon(cores: usize) -> usize {
    4 * cores
}

/// 8 tokio tasks, each computing for 20 ms without an `.await`, on a
/// one-thread runtime. At most how many compute at once?
pub fn computing_tasks_on_one_thread(_cores: usize) -> usize {
    1
}

/// 8 tokio tasks on a one-thread runtime each hand a 300 ms sleep to
/// `spawn_blocking` and await it. At most how many sleep at once?
pub fn blocking_sleeps_from_one_thread(_cores: usize) -> usize {
    8
}

/// 100 tokio tasks, each awaiting `tokio::time::sleep` for 20 ms, on a
/// one-thread runtime. At most how many are asleep at once?
pub fn sleeping_tasks_on_one_thread(_cores: usize) -> usize {
    100
}
