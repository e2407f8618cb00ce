//! Two ways for a worker to fail: it returns an `Err`, or it panics.

use std::thread::{self, JoinHandle};

use anyhow::{Context, Result, anyhow};
use course_kit::panics;

// ANCHOR: fallible
/// Reads one temperature such as "21.5". A bad reading is an expected
/// failure: it comes back as an `Err` that the caller must look at.
pub fn parse_reading(text: &str) -> Result<f64> {
    text.trim()
        .parse()
        .with_context(|| format!("bad reading {text:?}"))
}

/// The middle value of a sensor's readings.
pub fn median(readings: &[&str]) -> Result<f64> {
    let mut values = readings
        .iter()
        .map(|text| parse_reading(text))
        .collect::<Result<Vec<f64>>>()?; // the first bad reading ends it here
    // `sort()` needs a total order, and `f64` has none: NaN is neither less
    // than, equal to, nor greater than any number. `total_cmp` supplies one.
    values.sort_by(f64::total_cmp);
    Ok(values[values.len() / 2]) // a bug: with no readings at all this panics
}

/// Works out one sensor's median on a thread named after the sensor.
pub fn median_on_thread(
    sensor: &str,
    readings: Vec<&'static str>,
) -> JoinHandle<Result<f64>> {
    thread::Builder::new()
        .name(sensor.to_string())
        .spawn(move || median(&readings))
        .expect("cannot start a thread")
}
// ANCHOR_END: fallible

// ANCHOR: outcome
/// The three ways a worker can end, told apart at `join`.
pub fn describe(handle: JoinHandle<Result<f64>>) -> String {
    match handle.join() {
        Ok(Ok(median)) => format!("returned Ok: median {median}"),
        Ok(Err(error)) => format!("returned Err: {error:#}"),
        Err(payload) => format!("panicked: {}", panics::message(&*payload)),
    }
}

/// When the caller only wants the value: both failures become one
/// `anyhow::Error` that names the worker, ready for `?`. A panic becomes an
/// error here.
pub fn value_of<T>(handle: JoinHandle<Result<T>>) -> Result<T> {
    let name = handle.thread().name().unwrap_or("a worker").to_string();
    handle
        .join()
        .map_err(|payload| {
            anyhow!("{name} panicked: {}", panics::message(&*payload))
        })?
        .with_context(|| format!("{name} failed"))
}
// ANCHOR_END: outcome
