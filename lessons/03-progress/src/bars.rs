//! A real progress bar, from the `indicatif` crate, one bar per thread.

use std::thread;
use std::time::Duration;

use anyhow::Result;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// How one bar ended.
#[derive(Debug)]
pub struct Finished {
    pub name: &'static str,
    pub position: u64,
    pub length: u64,
    pub took: Duration,
}

// ANCHOR: bars
/// Runs one job per `(name, items)` pair, each on its own thread with its own
/// bar. A `ProgressBar` is a handle to shared state, like the `Arc<Job>` of
/// part `several`: the thread moves forward with `inc`, and `MultiProgress`
/// redraws all the bars on stderr, up to 20 times a second.
pub fn run_with_bars(
    jobs: &[(&'static str, u64)],
    per_item: Duration,
) -> Result<(Vec<Finished>, bool)> {
    let bars = MultiProgress::new();
    let style =
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos:>3}/{len}")?
            .progress_chars("=> ");
    let workers: Vec<_> = jobs
        .iter()
        .map(|&(name, items)| {
            let bar = bars.add(ProgressBar::new(items));
            bar.set_style(style.clone());
            bar.set_prefix(name);
            thread::spawn(move || {
                for _ in 0..items {
                    thread::sleep(per_item); // stands in for one item's work
                    bar.inc(1);
                }
                bar.finish();
                Finished {
                    name,
                    position: bar.position(),
                    length: items,
                    took: bar.elapsed(),
                }
            })
        })
        .collect();
    let finished = workers
        .into_iter()
        .map(|worker| worker.join().expect("a job panicked"))
        .collect();
    // Not a terminal (a pipe, a file, a test)? Then indicatif draws nothing.
    Ok((finished, !bars.is_hidden()))
}
// ANCHOR_END: bars
