//! Exercise 3 (stretch, optional): predict, then measure (reference answers).

/// `4 * cores` jobs, each sleeping 20 ms, run on rayon's pool
/// (`into_par_iter().for_each(...)`). At most how many sleep at once?
pub fn sleeping_jobs_on_rayon(cores: usize) -> usize {
    // rayon's pool has one thread per core, and a sleeping job
    // keeps its thread: the other jobs wait for a thread.
    cores
}

/// 8 tokio tasks, each computing for 20 ms without an `.await`, on a
/// one-thread runtime. At most how many compute at once?
pub fn computing_tasks_on_one_thread(_cores: usize) -> usize {
    // One thread, and no `.await` to give it back: the tasks
    // compute one after the other.
    1
}

/// 8 tokio tasks on a one-thread runtime each hand a 300 ms sleep to
/// `spawn_blocking` and await it. At most how many sleep at once?
pub fn blocking_sleeps_from_one_thread(_cores: usize) -> usize {
    // The blocking pool starts a thread for each call (up to
    // 512): it is sized for waiting, not for the cores.
    8
}

/// 100 tokio tasks, each awaiting `tokio::time::sleep` for 20 ms, on a
/// one-thread runtime. At most how many are asleep at once?
pub fn sleeping_tasks_on_one_thread(_cores: usize) -> usize {
    // A sleeping task holds no thread: one thread keeps all
    // 100 asleep at once.
    100
}
