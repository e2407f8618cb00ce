//! WRONG: reports the first task to fail in time, not the first in input order
//! Exercise 2: every value, or the first failure.

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
    // Look at the tasks as they finish; the first failure seen is kept.
    let mut pending: Vec<(usize, thread::JoinHandle<Result<u64>>)> =
        handles.into_iter().enumerate().collect();
    let mut values = vec![0; pending.len()];
    let mut first_failure = None;
    while !pending.is_empty() {
        let Some(at) = pending.iter().position(|(_, h)| h.is_finished()) else {
            thread::sleep(std::time::Duration::from_millis(1));
            continue;
        };
        let (index, handle) = pending.remove(at);
        let name = handle.thread().name().unwrap_or("task").to_string();
        let outcome = handle
            .join()
            .map_err(|payload| {
                anyhow!("{name} panicked: {}", panics::message(&*payload))
            })
            .and_then(|result| result.with_context(|| name.clone()));
        match outcome {
            Ok(value) => values[index] = value,
            Err(error) => {
                first_failure.get_or_insert(error);
            }
        }
    }
    match first_failure {
        Some(error) => Err(error),
        None => Ok(values),
    }
}
