//! Limiting concurrency with a `Semaphore`: many fetches, a few at a time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

/// How many fetches were in flight, after each start and each end: the
/// count, and when, from the start of the run.
#[derive(Debug, Default)]
pub struct InFlight {
    now: usize,
    pub changes: Vec<(Duration, usize)>,
    start: Option<Instant>,
}

impl InFlight {
    fn change(&mut self, by: isize) {
        self.now = self.now.checked_add_signed(by).expect("count below 0");
        let start = *self.start.get_or_insert_with(Instant::now);
        self.changes.push((start.elapsed(), self.now));
    }

    /// The most fetches in flight at once.
    pub fn most(&self) -> usize {
        self.changes.iter().map(|&(_, n)| n).max().unwrap_or(0)
    }
}

/// A fake fetch: page `n` takes 5 to 15 ms.
async fn fetch(n: usize) -> usize {
    sleep(Duration::from_millis(5 + (n * 7 % 11) as u64)).await;
    n
}

// ANCHOR: limit
/// Fetches `count` pages, at most `limit` at a time. Each task waits for a
/// permit, fetches, and gives the permit back when `_permit` is dropped.
pub async fn fetch_all(count: usize, limit: usize) -> (usize, InFlight) {
    let permits = Arc::new(Semaphore::new(limit));
    let in_flight = Arc::new(Mutex::new(InFlight::default()));
    let mut tasks = JoinSet::new();
    for n in 0..count {
        let (permits, in_flight) = (permits.clone(), in_flight.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire().await.expect("never closed");
            in_flight.lock().unwrap().change(1);
            let page = fetch(n).await;
            in_flight.lock().unwrap().change(-1);
            page
        });
    }
    let fetched = tasks.join_all().await.len();
    (fetched, std::mem::take(&mut in_flight.lock().unwrap()))
}
// ANCHOR_END: limit

impl InFlight {
    /// How many were in flight at `at` from the start.
    pub fn at(&self, at: Duration) -> usize {
        self.changes
            .iter()
            .take_while(|&&(t, _)| t <= at)
            .last()
            .map_or(0, |&(_, n)| n)
    }

    /// How long the run took, from the first start to the last end.
    pub fn end(&self) -> Duration {
        self.changes.last().map_or(Duration::ZERO, |&(t, _)| t)
    }
}

/// A step chart of the count in flight over the run, as an SVG in the
/// colours of the book's theme.
pub fn chart(flight: &InFlight, limit: usize, title: &str) -> String {
    use std::fmt::Write as _;
    const W: f64 = 720.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 48.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 34.0;
    const BOTTOM: f64 = 40.0;
    let end_ms = flight
        .changes
        .last()
        .map_or(1.0, |&(at, _)| at.as_secs_f64() * 1e3)
        .max(1.0);
    let top = (limit.max(flight.most()) as f64 * 1.2).max(1.0);
    let x = |ms: f64| LEFT + ms / end_ms * (W - LEFT - RIGHT);
    let y = |n: f64| H - BOTTOM - n / top * (H - TOP - BOTTOM);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" style="max-width:{W}px" role="img" aria-label="{title}" font-family="sans-serif" font-size="11" fill="currentColor">"#
    );
    let _ = writeln!(svg, "<title>{title}</title>");
    let _ = writeln!(
        svg,
        r#"<text x="0" y="14" font-size="12" font-weight="bold">{title}</text>"#
    );
    // The axes, the limit as a dashed line, and the scale.
    let (x0, x1, y0) = (x(0.0), x(end_ms), y(0.0));
    let _ = writeln!(
        svg,
        r#"<path d="M{x0},{TOP} V{y0} H{x1}" fill="none" stroke="currentColor" stroke-opacity="0.6"/>"#
    );
    let yl = y(limit as f64);
    let _ = writeln!(
        svg,
        r#"<path d="M{x0},{yl:.1} H{x1}" stroke="currentColor" stroke-dasharray="4 3" stroke-opacity="0.6"/>"#
    );
    let _ = writeln!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="end">limit {limit}</text>"#,
        x1,
        yl - 4.0
    );
    for n in [0, limit / 2, limit] {
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{n}</text>"#,
            x0 - 6.0,
            y(n as f64) + 4.0
        );
    }
    // A tick every 1, 2 or 5 times a power of ten ms: about five of them.
    let power = 10f64.powf((end_ms / 5.0).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| end_ms / s <= 6.0)
        .unwrap_or(10.0 * power);
    let mut ms = 0.0;
    while ms <= end_ms {
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{ms:.0} ms</text>"#,
            x(ms),
            y0 + 16.0
        );
        ms += step;
    }
    let _ = writeln!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">time from the first fetch; up: fetches in flight (most: {})</text>"#,
        (x0 + x1) / 2.0,
        H - 6.0,
        flight.most()
    );
    // The count, as steps: flat until it changes.
    let mut d = format!("M{x0:.1},{y0:.1}");
    for &(at, now) in &flight.changes {
        let px = x(at.as_secs_f64() * 1e3);
        let _ = write!(d, " H{px:.1} V{:.1}", y(now as f64));
    }
    let _ = writeln!(
        svg,
        r#"<path d="{d}" fill="none" stroke="var(--links, #4183c4)" stroke-width="1.5"/>"#
    );
    svg.push_str("</svg>\n");
    svg
}
