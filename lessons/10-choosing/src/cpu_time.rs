//! How much CPU time this process has had: for each of its threads, the time
//! the kernel ran it (`/proc/self/task/*/schedstat`, in ns; Linux). Divided by
//! the time that passed, it says how many CPUs a run really got, which tells a
//! slow run on a busy machine from a slow model.

use std::time::Duration;

use anyhow::{Context, Result};

/// The CPU time of this process's threads that are alive now. A thread that
/// has ended no longer counts: measure across work done by threads that
/// outlive the reading (a pool's).
pub fn cpu_time() -> Result<Duration> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task")
        .context("reading /proc/self/task")?
    {
        let path = task?.path().join("schedstat");
        // A thread may end between listing and reading: it counts as nothing.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let first = text.split_whitespace().next().unwrap_or_default();
        total += first
            .parse::<u64>()
            .with_context(|| format!("{}: {text:?}", path.display()))?;
    }
    Ok(Duration::from_nanos(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computing_adds_cpu_time() {
        let before = cpu_time().unwrap();
        let started = std::time::Instant::now();
        let mut x = 1u64;
        while started.elapsed() < Duration::from_millis(30) {
            x = std::hint::black_box(
                x.wrapping_mul(6364136223846793005).wrapping_add(1),
            );
        }
        let used = cpu_time().unwrap() - before;
        // It ran for 30 ms, but a busy machine may have given it less CPU.
        assert!(
            used > Duration::ZERO && used <= started.elapsed() * 2,
            "{used:?}"
        );
    }
}
