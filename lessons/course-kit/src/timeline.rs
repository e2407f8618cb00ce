//! Timelines of real runs: who ran when, drawn from `tracing` spans.
//!
//! Lesson code marks the stretches of time worth seeing with the ecosystem's
//! standard, a `tracing` span, in one line:
//!
//! ```
//! let _span = tracing::info_span!("download", n = 1).entered();
//! // ... the work; the span ends when `_span` is dropped
//! ```
//!
//! While a lesson runs, the runner ([`crate::cli`]) records every span: when it
//! started and ended, and on which *lane* (the thread that made it, or the lane
//! its `lane` field names: a task, a child process). From one part's spans it
//! can draw three things:
//!
//! - [`Timeline::text`]: a few rows of bars that fit 80 columns, for the
//!   terminal;
//! - [`Timeline::svg`]: the picture the book shows (`--svg FILE`);
//! - [`chrome_trace`]: a file in the Chrome trace-event format (`--trace FILE`)
//!   that Perfetto (ui.perfetto.dev) and `chrome://tracing` open.
//!
//! An event (`tracing::info!("sent")`) becomes a mark on the lane of the span
//! it happened in. Nothing here changes what a part measures by more than
//! noise: a span costs a lock and a clock read, and parts put spans around work
//! that takes milliseconds, never inside a tight loop.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A stretch of time on one lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The span's name, as written in `info_span!("name", ...)`.
    pub name: String,
    /// The name with its fields, as tracing prints them: `download n=1`.
    pub label: String,
    /// The thread, task or process it belongs to.
    pub lane: String,
    /// From the start of the part.
    pub start: Duration,
    pub end: Duration,
}

impl Span {
    pub fn duration(&self) -> Duration {
        self.end.saturating_sub(self.start)
    }

    fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end && self != other
    }
}

/// A moment on one lane: a message sent, a lock taken, a signal.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub label: String,
    pub lane: String,
    pub at: Duration,
}

/// What one part recorded: its spans and marks, and its lanes in the order
/// they first appeared.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub spans: Vec<Span>,
    pub marks: Vec<Mark>,
    pub lanes: Vec<String>,
}

// ---------------------------------------------------------------------------
// Recording: a `tracing` subscriber that keeps spans in memory.

/// The recorder the runner installs once for the whole process.
#[derive(Default)]
struct Recorder {
    next_id: AtomicU64,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    origin: Option<Instant>,
    open: HashMap<u64, Open>,
    done: Timeline,
    unnamed_threads: Vec<ThreadId>,
}

struct Open {
    span: Span,
    references: usize,
}

thread_local! {
    /// The spans this thread is inside, innermost last.
    static ENTERED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

fn recorder() -> &'static Recorder {
    static RECORDER: OnceLock<Recorder> = OnceLock::new();
    RECORDER.get_or_init(Recorder::default)
}

impl Recorder {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    fn now(&mut self) -> Duration {
        self.origin.get_or_insert_with(Instant::now).elapsed()
    }

    /// This thread's lane: its name, or `thread N` for the N-th unnamed thread
    /// seen.
    fn thread_lane(&mut self) -> String {
        let current = std::thread::current();
        if let Some(name) = current.name() {
            return name.to_string();
        }
        let id = current.id();
        let n = match self.unnamed_threads.iter().position(|t| *t == id) {
            Some(index) => index + 1,
            None => {
                self.unnamed_threads.push(id);
                self.unnamed_threads.len()
            }
        };
        format!("thread {n}")
    }

    /// The lane of the span this thread is inside, if any.
    fn entered_lane(&self) -> Option<String> {
        let innermost =
            ENTERED.with(|entered| entered.borrow().last().copied())?;
        self.open.get(&innermost).map(|open| open.span.lane.clone())
    }

    fn note_lane(&mut self, lane: &str) {
        if !self.done.lanes.iter().any(|l| l == lane) {
            self.done.lanes.push(lane.to_string());
        }
    }
}

/// Reads a span's or an event's fields: `lane` names the lane, `message` is an
/// event's text, every other field is added to the label.
#[derive(Default)]
struct Fields {
    lane: Option<String>,
    message: Option<String>,
    rest: Vec<String>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.keep(field, value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.keep(field, format!("{value:?}"));
    }
}

impl Fields {
    fn keep(&mut self, field: &Field, value: String) {
        match field.name() {
            "lane" => self.lane = Some(value),
            "message" => self.message = Some(value),
            name => self.rest.push(format!("{name}={value}")),
        }
    }

    fn label(&self, name: &str) -> String {
        std::iter::once(self.message.as_deref().unwrap_or(name))
            .chain(self.rest.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        let name = attributes.metadata().name();
        let mut state = self.state();
        let parent_lane = attributes
            .parent()
            .and_then(|parent| state.open.get(&parent.into_u64()))
            .map(|open| open.span.lane.clone());
        let lane = fields
            .lane
            .clone()
            .or(parent_lane)
            .or_else(|| state.entered_lane())
            .unwrap_or_else(|| state.thread_lane());
        let start = state.now();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let span = Span {
            name: name.to_string(),
            label: fields.label(name),
            lane,
            start,
            end: start,
        };
        state.open.insert(
            id,
            Open {
                span,
                references: 1,
            },
        );
        Id::from_u64(id)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let mut state = self.state();
        let lane = fields
            .lane
            .clone()
            .or_else(|| state.entered_lane())
            .unwrap_or_else(|| state.thread_lane());
        let at = state.now();
        state.note_lane(&lane);
        let label = fields.label(event.metadata().name());
        state.done.marks.push(Mark { label, lane, at });
    }

    fn enter(&self, span: &Id) {
        ENTERED.with(|entered| entered.borrow_mut().push(span.into_u64()));
    }

    fn exit(&self, span: &Id) {
        ENTERED.with(|entered| {
            let mut entered = entered.borrow_mut();
            if let Some(at) =
                entered.iter().rposition(|id| *id == span.into_u64())
            {
                entered.remove(at);
            }
        });
    }

    fn clone_span(&self, span: &Id) -> Id {
        if let Some(open) = self.state().open.get_mut(&span.into_u64()) {
            open.references += 1;
        }
        span.clone()
    }

    fn try_close(&self, span: Id) -> bool {
        let mut state = self.state();
        let id = span.into_u64();
        let Some(open) = state.open.get_mut(&id) else {
            return false;
        };
        open.references -= 1;
        if open.references > 0 {
            return false;
        }
        let mut closed = state.open.remove(&id).expect("found above").span;
        closed.end = state.now();
        state.note_lane(&closed.lane);
        state.done.spans.push(closed);
        true
    }
}

/// Installs the recorder for the whole process (the runner calls it once).
/// Returns false if another subscriber was installed first.
pub fn install() -> bool {
    struct Shared(&'static Recorder);
    impl Subscriber for Shared {
        fn enabled(&self, m: &Metadata<'_>) -> bool {
            self.0.enabled(m)
        }
        fn new_span(&self, a: &Attributes<'_>) -> Id {
            self.0.new_span(a)
        }
        fn record(&self, s: &Id, r: &Record<'_>) {
            self.0.record(s, r)
        }
        fn record_follows_from(&self, s: &Id, f: &Id) {
            self.0.record_follows_from(s, f)
        }
        fn event(&self, e: &Event<'_>) {
            self.0.event(e)
        }
        fn enter(&self, s: &Id) {
            self.0.enter(s)
        }
        fn exit(&self, s: &Id) {
            self.0.exit(s)
        }
        fn clone_span(&self, s: &Id) -> Id {
            self.0.clone_span(s)
        }
        fn try_close(&self, s: Id) -> bool {
            self.0.try_close(s)
        }
    }
    tracing::subscriber::set_global_default(Shared(recorder())).is_ok()
}

/// Starts a new timeline: time 0 is now, and what was recorded before is
/// dropped.
pub fn restart() {
    let mut state = recorder().state();
    state.origin = Some(Instant::now());
    state.done = Timeline::default();
    state.unnamed_threads.clear();
    // A span still open (a thread the part left running) belongs to no part:
    // forgotten here, it is not drawn into the next part's picture when it
    // closes.
    state.open.clear();
}

/// The moment the timeline began (the last [`restart`]): the times of its spans
/// and marks count from it.
pub fn origin() -> Option<Instant> {
    recorder().state().origin
}

/// What has been recorded since the last [`restart`] (spans still open are left
/// out).
pub fn recorded() -> Timeline {
    let state = recorder().state();
    let mut timeline = state.done.clone();
    timeline
        .spans
        .sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    // Lanes from top to bottom in the order they started work.
    let first = |lane: &String| {
        let spans = timeline.spans.iter().filter(|s| &s.lane == lane);
        let marks = timeline.marks.iter().filter(|m| &m.lane == lane);
        let starts = spans.map(|s| s.start).chain(marks.map(|m| m.at));
        starts.min().unwrap_or_default()
    };
    // In the order they started, by name on a tie.
    let mut lanes = timeline.lanes.clone();
    lanes.sort_by_cached_key(|lane| (first(lane), lane.clone()));
    timeline.lanes = lanes;
    timeline
}

/// Prints the text timeline of what this part has recorded so far.
pub fn show() {
    print!("{}", recorded().text());
}

// ---------------------------------------------------------------------------
// Drawing.

/// How many columns the bars of a text timeline take.
const TEXT_BARS: usize = 60;
/// How many columns a lane's name may take in a text timeline.
const TEXT_LANE: usize = 12;

impl Timeline {
    /// When the last span ended or the last mark happened.
    pub fn end(&self) -> Duration {
        let spans = self.spans.iter().map(|s| s.end);
        let marks = self.marks.iter().map(|m| m.at);
        spans.chain(marks).max().unwrap_or_default()
    }

    /// The spans on `lane`, in the order they started.
    pub fn on_lane<'a>(
        &'a self,
        lane: &'a str,
    ) -> impl Iterator<Item = &'a Span> + 'a {
        self.spans.iter().filter(move |s| s.lane == lane)
    }

    /// The spans that contain no other span of their lane: the work itself,
    /// not the group around it.
    fn leaves(&self) -> impl Iterator<Item = &Span> {
        self.spans.iter().filter(|s| {
            !self
                .spans
                .iter()
                .any(|other| other.lane == s.lane && s.contains(other))
        })
    }

    /// One row of bars per lane, each at most 80 columns wide: `█` and `▓` take
    /// turns for the spans that follow each other, `·` is time the lane was
    /// idle.
    pub fn text(&self) -> String {
        let end = self.end().as_secs_f64().max(1e-9);
        let column = |t: Duration| {
            ((t.as_secs_f64() / end) * TEXT_BARS as f64).round() as usize
        };
        let mut out = String::new();
        for lane in &self.lanes {
            let mut row = vec!['·'; TEXT_BARS];
            for (nth, span) in
                self.leaves().filter(|s| &s.lane == lane).enumerate()
            {
                let glyph = if nth % 2 == 0 { '█' } else { '▓' };
                let from = column(span.start).min(TEXT_BARS - 1);
                let to = column(span.end).clamp(from + 1, TEXT_BARS);
                row[from..to].fill(glyph);
            }
            for mark in self.marks.iter().filter(|m| &m.lane == lane) {
                row[column(mark.at).min(TEXT_BARS - 1)] = '|';
            }
            let name: String = lane.chars().take(TEXT_LANE).collect();
            let bars: String = row.into_iter().collect();
            let _ = writeln!(out, "  {name:<TEXT_LANE$} {bars}");
        }
        let total = format!("{:.0} ms", end * 1e3);
        let gap = TEXT_BARS.saturating_sub(total.len() + 4);
        let _ = writeln!(out, "  {:<TEXT_LANE$} 0 ms{:gap$}{total}", "", "");
        out
    }

    /// The timeline as an SVG picture for the book. It uses `currentColor` and
    /// mdBook's theme colours, so it reads in every theme; each span rectangle
    /// carries `data-` attributes with its lane and times (µs), for tests.
    pub fn svg(&self, title: &str) -> String {
        Drawing::new(self).svg(title)
    }
}

/// The layout of an SVG timeline, in pixels.
struct Drawing<'a> {
    timeline: &'a Timeline,
    /// For each lane: its spans with the row each sits on, and its row count.
    rows: Vec<(Vec<(&'a Span, usize)>, usize)>,
    end: f64,
}

const WIDTH: f64 = 720.0;
const LEFT: f64 = 104.0;
const RIGHT: f64 = 16.0;
const ROW: f64 = 22.0;
const GAP: f64 = 8.0;
const TOP: f64 = 30.0;
const AXIS: f64 = 34.0;
const CHAR: f64 = 6.4;

impl<'a> Drawing<'a> {
    fn new(timeline: &'a Timeline) -> Self {
        let rows = timeline
            .lanes
            .iter()
            .map(|lane| {
                // Each span takes the first row where it overlaps nothing:
                // a group sits above the spans it contains.
                let mut taken: Vec<Vec<&Span>> = Vec::new();
                let mut placed = Vec::new();
                for span in timeline.on_lane(lane) {
                    let row = taken
                        .iter()
                        .position(|row| row.iter().all(|s| !s.overlaps(span)))
                        .unwrap_or_else(|| {
                            taken.push(Vec::new());
                            taken.len() - 1
                        });
                    taken[row].push(span);
                    placed.push((span, row));
                }
                let count = taken.len().max(1);
                (placed, count)
            })
            .collect();
        let end = nice_ceiling(timeline.end().as_secs_f64() * 1e3);
        Self {
            timeline,
            rows,
            end,
        }
    }

    fn x(&self, t: Duration) -> f64 {
        LEFT + (t.as_secs_f64() * 1e3 / self.end) * (WIDTH - LEFT - RIGHT)
    }

    fn svg(&self, title: &str) -> String {
        let body_height: f64 = self
            .rows
            .iter()
            .map(|(_, count)| *count as f64 * ROW + GAP)
            .sum();
        let height = TOP + body_height + AXIS;
        let mut svg = String::new();
        let _ = writeln!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH}px" role="img" aria-label="{}" font-family="sans-serif" font-size="11" fill="currentColor">"#,
            escape(title)
        );
        let _ = writeln!(svg, "<title>{}</title>", escape(title));
        let _ = writeln!(
            svg,
            r#"<text x="0" y="14" font-size="12" font-weight="bold">{}</text>"#,
            escape(title)
        );
        let mut y = TOP;
        for (lane, (placed, count)) in
            self.timeline.lanes.iter().zip(&self.rows)
        {
            let lane_height = *count as f64 * ROW;
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
                LEFT - 8.0,
                y + lane_height / 2.0 + 4.0,
                escape(lane)
            );
            let _ = writeln!(
                svg,
                r#"<line x1="{LEFT}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="currentColor" stroke-opacity="0.15"/>"#,
                WIDTH - RIGHT,
                y + lane_height + GAP / 2.0,
                y + lane_height + GAP / 2.0
            );
            for (span, row) in placed {
                // The label may run on after the bar up to the next span on its
                // row.
                let next = placed
                    .iter()
                    .filter(|(other, r)| {
                        r == row && other.start >= span.end && *other != *span
                    })
                    .map(|(other, _)| self.x(other.start))
                    .fold(WIDTH - RIGHT, f64::min);
                self.draw_span(&mut svg, span, y + *row as f64 * ROW, next);
            }
            let marks: Vec<&Mark> = self
                .timeline
                .marks
                .iter()
                .filter(|m| &m.lane == lane)
                .collect();
            for (nth, mark) in marks.iter().enumerate() {
                let x = self.x(mark.at);
                // A mark's label shows when it fits before the next mark.
                let room_until = marks
                    .get(nth + 1)
                    .map_or(WIDTH - RIGHT, |next| self.x(next.at));
                let needed = mark.label.chars().count() as f64 * CHAR + 8.0;
                if x + needed <= room_until {
                    let _ = writeln!(
                        svg,
                        r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
                        x + 4.0,
                        y + lane_height / 2.0 + 4.0,
                        escape(&mark.label)
                    );
                }
                let _ = writeln!(
                    svg,
                    r#"<g class="mark" data-lane="{}" data-label="{}" data-at-us="{}"><line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="currentColor" stroke-width="2"/><title>{} at {:.1} ms</title></g>"#,
                    escape(lane),
                    escape(&mark.label),
                    mark.at.as_micros(),
                    y,
                    y + lane_height,
                    escape(&mark.label),
                    mark.at.as_secs_f64() * 1e3
                );
            }
            y += lane_height + GAP;
        }
        self.draw_axis(&mut svg, y);
        svg.push_str("</svg>\n");
        svg
    }

    fn draw_span(
        &self,
        svg: &mut String,
        span: &Span,
        y: f64,
        room_until: f64,
    ) {
        let x = self.x(span.start);
        let width = (self.x(span.end) - x).max(1.5);
        let is_group = self
            .timeline
            .on_lane(&span.lane)
            .any(|other| span.contains(other));
        let (fill, opacity) = if is_group {
            ("currentColor", "0.08")
        } else {
            ("var(--links, #2b79a2)", "0.45")
        };
        let ms = span.duration().as_secs_f64() * 1e3;
        let label = format!("{} · {}", span.label, format_ms(ms));
        let _ = write!(
            svg,
            r#"<g class="span" data-lane="{}" data-name="{}" data-start-us="{}" data-end-us="{}"><rect x="{x:.1}" y="{:.1}" width="{width:.1}" height="{:.1}" rx="3" style="fill:{fill};fill-opacity:{opacity};stroke:var(--links, #2b79a2)"/><title>{}</title>"#,
            escape(&span.lane),
            escape(&span.name),
            span.start.as_micros(),
            span.end.as_micros(),
            y + 2.0,
            ROW - 4.0,
            escape(&label),
        );
        // The label goes inside the bar if it fits, else just after it if there
        // is room before the next span, else only in the tooltip.
        let needed = label.chars().count() as f64 * CHAR + 8.0;
        let text_x = if needed <= width {
            Some(x + 4.0)
        } else if x + width + needed <= room_until {
            Some(x + width + 4.0)
        } else {
            None
        };
        if let Some(text_x) = text_x {
            let _ = write!(
                svg,
                r#"<text x="{text_x:.1}" y="{:.1}">{}</text>"#,
                y + ROW / 2.0 + 4.0,
                escape(&label)
            );
        }
        svg.push_str("</g>\n");
    }

    fn draw_axis(&self, svg: &mut String, y: f64) {
        let _ = writeln!(
            svg,
            r#"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="currentColor"/>"#,
            WIDTH - RIGHT
        );
        let step = tick_step(self.end);
        let mut tick = 0.0;
        while tick <= self.end + step * 1e-6 {
            let x = self.x(Duration::from_secs_f64(tick / 1e3));
            // The last label ends at its tick, so it stays inside the picture.
            let anchor = if tick + step > self.end + step * 1e-6 {
                "end"
            } else {
                "middle"
            };
            let _ = writeln!(
                svg,
                r#"<line x1="{x:.1}" x2="{x:.1}" y1="{y:.1}" y2="{:.1}" stroke="currentColor"/><text x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
                y + 4.0,
                y + 16.0,
                tick_label(tick)
            );
            tick += step;
        }
    }
}

/// `12.3 ms`, `450 ms`, `1.25 s`: short enough for a label.
fn format_ms(ms: f64) -> String {
    // Compared after rounding, so 99.97 ms reads `100 ms`, not `100.0 ms`.
    if ms >= 999.5 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 99.95 || ms == 0.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// A tick's label: `0`, `250 ms`, `1.5 s`, `2 s`.
fn tick_label(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{} s", ms / 1e3)
    } else {
        format!("{ms} ms")
    }
}

/// The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power
/// of ten) that is at least `ms`: the end of the time axis.
fn nice_ceiling(ms: f64) -> f64 {
    let mut power = 1.0;
    loop {
        for nice in [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0] {
            if nice * power >= ms {
                return nice * power;
            }
        }
        power *= 10.0;
    }
}

/// The largest step between ticks (1, 2, 2.5 or 5 times a power of ten) that
/// still gives at least five ticks up to `end`.
fn tick_step(end: f64) -> f64 {
    let mut best = 1.0;
    let mut power = 1.0;
    while power <= end {
        for nice in [1.0, 2.0, 2.5, 5.0] {
            if end / (nice * power) >= 5.0 {
                best = nice * power;
            }
        }
        power *= 10.0;
    }
    best
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Several parts' timelines as one file in the Chrome trace-event format: each
/// part is a "process" and each lane a "thread" in Perfetto's view.
pub fn chrome_trace(parts: &[(String, Timeline)]) -> String {
    let mut events = Vec::new();
    let json = |text: &str| {
        let mut quoted = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                c if (c as u32) < 0x20 => {
                    quoted.push_str(&format!("\\u{:04x}", c as u32))
                }
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    };
    let micros = |t: Duration| t.as_secs_f64() * 1e6;
    for (pid, (part, timeline)) in parts.iter().enumerate() {
        let pid = pid + 1;
        events.push(format!(
            r#"{{"name":"process_name","ph":"M","pid":{pid},"tid":0,"args":{{"name":{}}}}}"#,
            json(&format!("part {part}"))
        ));
        for (tid, lane) in timeline.lanes.iter().enumerate() {
            events.push(format!(
                r#"{{"name":"thread_name","ph":"M","pid":{pid},"tid":{},"args":{{"name":{}}}}}"#,
                tid + 1,
                json(lane)
            ));
        }
        let tid = |lane: &str| {
            timeline.lanes.iter().position(|l| l == lane).unwrap_or(0) + 1
        };
        for span in &timeline.spans {
            events.push(format!(
                r#"{{"name":{},"ph":"X","ts":{:.1},"dur":{:.1},"pid":{pid},"tid":{}}}"#,
                json(&span.label),
                micros(span.start),
                micros(span.duration()),
                tid(&span.lane)
            ));
        }
        for mark in &timeline.marks {
            events.push(format!(
                r#"{{"name":{},"ph":"i","s":"t","ts":{:.1},"pid":{pid},"tid":{}}}"#,
                json(&mark.label),
                micros(mark.at),
                tid(&mark.lane)
            ));
        }
    }
    format!(
        "{{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n{}\n]}}\n",
        events.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(lane: &str, name: &str, start_ms: u64, end_ms: u64) -> Span {
        Span {
            name: name.into(),
            label: name.into(),
            lane: lane.into(),
            start: Duration::from_millis(start_ms),
            end: Duration::from_millis(end_ms),
        }
    }

    fn sample() -> Timeline {
        Timeline {
            spans: vec![
                span("main", "in sequence", 0, 600),
                span("main", "download", 0, 300),
                span("main", "download", 300, 600),
                span("thread 1", "download", 600, 900),
                span("thread 2", "download", 600, 900),
            ],
            marks: vec![Mark {
                label: "sent".into(),
                lane: "thread 1".into(),
                at: Duration::from_millis(700),
            }],
            lanes: vec!["main".into(), "thread 1".into(), "thread 2".into()],
        }
    }

    #[test]
    fn the_text_timeline_fits_80_columns_and_shows_who_was_busy() {
        let text = sample().text();
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line:?}");
        }
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        // main was busy for the first two thirds, the threads for the last
        // third.
        assert!(lines[0].contains("█") && lines[0].contains("▓"), "{text}");
        assert!(lines[1].trim_end().ends_with("█"), "{text}");
        assert!(lines[1].contains("|"), "the mark is drawn: {text}");
        assert!(lines[3].contains("900 ms"), "{text}");
    }

    #[test]
    fn the_svg_has_one_group_per_span_and_a_row_per_nesting_level() {
        let svg = sample().svg("downloads");
        assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches(r#"<g class="span""#).count(), 5);
        assert!(
            !svg.contains("\n\n"),
            "a blank line would end mdBook's HTML block"
        );
        assert!(svg.contains(r#"data-start-us="600000""#));
        assert!(svg.contains("in sequence · 600 ms"));
    }

    #[test]
    fn spans_from_tracing_are_recorded_on_their_threads() {
        // Only this test installs the recorder in this test binary.
        install();
        restart();
        {
            let _outer = tracing::info_span!("outer").entered();
            let _inner = tracing::info_span!("inner", n = 1).entered();
            tracing::info!("ping");
        }
        std::thread::spawn(|| {
            let _work = tracing::info_span!("work").entered();
        })
        .join()
        .unwrap();
        std::thread::Builder::new()
            .name("named".into())
            .spawn(|| {
                let _task =
                    tracing::info_span!("task", lane = "task 7").entered();
            })
            .unwrap()
            .join()
            .unwrap();
        let timeline = recorded();
        let labels: Vec<(&str, &str)> = timeline
            .spans
            .iter()
            .map(|s| (s.lane.as_str(), s.label.as_str()))
            .collect();
        let here = std::thread::current()
            .name()
            .map(str::to_string)
            .unwrap_or_else(|| "thread 1".into());
        assert!(labels.contains(&(here.as_str(), "outer")), "{labels:?}");
        assert!(labels.contains(&(here.as_str(), "inner n=1")), "{labels:?}");
        assert!(labels.contains(&("task 7", "task")), "{labels:?}");
        assert_eq!(timeline.marks.len(), 1);
        assert_eq!(timeline.marks[0].lane, here);
        let outer = &timeline.spans[0];
        assert!(outer.contains(&timeline.spans[1]), "{timeline:?}");
    }

    #[test]
    fn a_chrome_trace_names_parts_and_lanes() {
        let trace = chrome_trace(&[("io".into(), sample())]);
        assert!(trace.contains(r#""name":"part io""#));
        assert!(trace.contains(r#""args":{"name":"thread 2"}"#));
        assert_eq!(trace.matches(r#""ph":"X""#).count(), 5);
        assert_eq!(trace.matches(r#""ph":"i""#).count(), 1);
    }

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_ceiling(870.0), 1000.0);
        assert_eq!(nice_ceiling(42.0), 50.0);
        assert_eq!(nice_ceiling(256.0), 300.0);
        assert_eq!(tick_step(1000.0), 200.0);
        assert_eq!(tick_step(300.0), 50.0);
        assert_eq!(tick_step(50.0), 10.0);
    }
}
