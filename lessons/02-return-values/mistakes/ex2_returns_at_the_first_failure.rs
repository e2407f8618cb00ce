//! WRONG: joins and checks in one pass: the first failure returns while later
//! tasks still run Exercise 2: every value, or the first failure.

use std::thread;

use anyhow::{Context, Result, anyhow};
use course_kit::panics;

pub fn try_all<F>(inputs: Vec<u64>, work: F) -> Result<Vec<u64>>
where
    F: Fn(u64) -> Result<u64> + Clone + Send + 'static,
{
    let handles = inputs
        .into_iter()
        .enumerate()
        .map(|(index, input)| {
            let work = work.clone();
            thread::Builder::new()
                .name(format!("task-{}", index + 1))
                .spawn(move || work(input))
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    handles
        .into_iter()
        .map(|handle| {
            let name = handle.thread().name().unwrap_or("task").to_string();
            handle
                .join()
                .map_err(|payload| {
                    anyhow!("{name} panicked: {}", panics::message(&*payload))
                })?
                .with_context(|| name.clone())
        })
        .collect()
}
