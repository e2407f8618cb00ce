//! The comparison table as a bar chart: a panel per workload, a bar per model
//! and language, Rust and Python side by side. An SVG the book shows inline, in
//! the colours of whatever theme it is read in (`currentColor`, mdBook's
//! `--links`), written by part `compare` when it runs with `--svg FILE`.

use std::fmt::Write as _;
use std::time::Duration;

/// One measured time: a bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub model: String,
    pub language: Language,
    pub time: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Rust,
    Python,
}

impl Language {
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::Python => "Python",
        }
    }
}

/// One workload: its title and its models, each with its bars. A model with no
/// Python bar is marked so when the chart has Python bars at all.
#[derive(Debug, Clone, Default)]
pub struct Panel {
    pub title: String,
    pub models: Vec<(String, Vec<Bar>)>,
    /// A time to mark with a dashed line across the bars, and its label.
    pub reference: Option<(Duration, String)>,
}

impl Panel {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    /// Marks `time` with a dashed line labelled `label`.
    pub fn reference(&mut self, time: Duration, label: impl Into<String>) {
        self.reference = Some((time, label.into()));
    }

    /// Adds `time` for `model` in `language`, after the models already there.
    pub fn bar(&mut self, model: &str, language: Language, time: Duration) {
        let bar = Bar {
            model: model.to_string(),
            language,
            time,
        };
        match self.models.iter_mut().find(|(name, _)| name == model) {
            Some((_, bars)) => bars.push(bar),
            None => self.models.push((model.to_string(), vec![bar])),
        }
    }

    /// The height above the bars: the title, and a line for the reference's
    /// label.
    fn heading(&self) -> f64 {
        HEADING + if self.reference.is_some() { 14.0 } else { 0.0 }
    }

    fn bars(&self) -> impl Iterator<Item = &Bar> {
        self.models.iter().flat_map(|(_, bars)| bars)
    }
}

const WIDTH: f64 = 720.0;
/// Where the bars start: the model names go to the left of it.
const LEFT: f64 = 118.0;
/// Room after the longest bar for its label.
const RIGHT: f64 = 64.0;
const BAR: f64 = 13.0;
const GROUP_GAP: f64 = 7.0;
const HEADING: f64 = 26.0;
const AXIS: f64 = 34.0;
const RUST_FILL: &str = "fill:var(--links, #2b79a2)";
const PYTHON_FILL: &str = "fill:currentColor;fill-opacity:0.5";

/// The chart of `panels`, titled `title` (for screen readers and the tooltip).
pub fn chart(title: &str, panels: &[Panel]) -> String {
    let languages: Vec<Language> = [Language::Rust, Language::Python]
        .into_iter()
        .filter(|l| {
            panels
                .iter()
                .flat_map(Panel::bars)
                .any(|b| b.language == *l)
        })
        .collect();
    let per_group = languages.len().max(1) as f64;
    let group = per_group * BAR + GROUP_GAP;
    let height: f64 = 24.0
        + panels
            .iter()
            .map(|p| p.heading() + p.models.len() as f64 * group + AXIS + 10.0)
            .sum::<f64>();
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH}px" role="img" aria-label="{}" font-family="sans-serif" font-size="12" fill="currentColor">"#,
        escape(title)
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(title));
    legend(&mut svg, &languages);
    let mut y = 24.0;
    for panel in panels {
        y = draw_panel(&mut svg, panel, &languages, y);
    }
    svg.push_str("</svg>\n");
    svg
}

fn legend(svg: &mut String, languages: &[Language]) {
    let mut x = WIDTH - 8.0;
    for language in languages.iter().rev() {
        let name = language.name();
        x -= name.len() as f64 * 7.0 + 24.0;
        let _ = writeln!(
            svg,
            r#"<g class="legend"><rect x="{x:.1}" y="4" width="12" height="12" rx="2" style="{}"/><text x="{:.1}" y="14">{name}</text></g>"#,
            fill(*language),
            x + 16.0
        );
    }
}

fn fill(language: Language) -> &'static str {
    match language {
        Language::Rust => RUST_FILL,
        Language::Python => PYTHON_FILL,
    }
}

/// Draws `panel` from `top`; returns where the next one starts.
fn draw_panel(
    svg: &mut String,
    panel: &Panel,
    languages: &[Language],
    top: f64,
) -> f64 {
    let reference = panel.reference.iter().map(|(time, _)| *time);
    let scale = Scale::for_times(panel.bars().map(|b| b.time).chain(reference));
    let _ = writeln!(
        svg,
        r#"<text x="0" y="{:.1}" font-weight="bold" font-size="13">{}</text>"#,
        top + 16.0,
        escape(&panel.title)
    );
    let group = languages.len().max(1) as f64 * BAR + GROUP_GAP;
    let plot_top = top + panel.heading();
    let plot_bottom = plot_top + panel.models.len() as f64 * group;
    // Grid lines at the ticks, faint, behind the bars.
    for (x, _) in scale.ticks() {
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{plot_top:.1}" y2="{plot_bottom:.1}" stroke="currentColor" stroke-opacity="0.15"/>"#
        );
    }
    // The reference line goes behind the bars.
    if let Some((time, label)) = &panel.reference {
        let x = scale.x(time.as_secs_f64() * 1e3);
        let _ = writeln!(
            svg,
            r#"<g class="reference"><line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{plot_bottom:.1}" stroke="currentColor" stroke-dasharray="4 3"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11">{}</text></g>"#,
            plot_top - 4.0,
            x - 4.0,
            plot_top - 6.0,
            escape(label)
        );
    }
    for (nth, (model, bars)) in panel.models.iter().enumerate() {
        let y = plot_top + nth as f64 * group;
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 8.0,
            y + languages.len().max(1) as f64 * BAR / 2.0 + 4.0,
            escape(model)
        );
        for (row, language) in languages.iter().enumerate() {
            let bar_y = y + row as f64 * BAR;
            match bars.iter().find(|b| b.language == *language) {
                Some(bar) => draw_bar(svg, &panel.title, bar, &scale, bar_y),
                None => {
                    let _ = writeln!(
                        svg,
                        r#"<text x="{:.1}" y="{:.1}" font-size="11" fill-opacity="0.6">({} has none)</text>"#,
                        LEFT + 4.0,
                        bar_y + BAR - 3.0,
                        language.name()
                    );
                }
            }
        }
    }
    let _ = writeln!(
        svg,
        r#"<line x1="{LEFT}" x2="{LEFT}" y1="{plot_top:.1}" y2="{plot_bottom:.1}" stroke="currentColor"/>"#
    );
    let _ = writeln!(
        svg,
        r#"<line x1="{LEFT}" x2="{:.1}" y1="{plot_bottom:.1}" y2="{plot_bottom:.1}" stroke="currentColor"/>"#,
        WIDTH - RIGHT
    );
    for (x, label) in scale.ticks() {
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{plot_bottom:.1}" y2="{:.1}" stroke="currentColor"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11">{label}</text>"#,
            plot_bottom + 4.0,
            plot_bottom + 16.0
        );
    }
    let _ = writeln!(
        svg,
        r#"<text x="{LEFT}" y="{:.1}" font-size="11" fill-opacity="0.7">{}</text>"#,
        plot_bottom + 28.0,
        if scale.log {
            "time, log scale: each step to the right is 10 times as long"
        } else {
            "time"
        }
    );
    plot_bottom + AXIS + 10.0
}

fn draw_bar(
    svg: &mut String,
    workload: &str,
    bar: &Bar,
    scale: &Scale,
    y: f64,
) {
    let ms = bar.time.as_secs_f64() * 1e3;
    let end = scale.x(ms).max(LEFT + 1.5);
    let label = format_ms(ms);
    let language = bar.language.name();
    let _ = writeln!(
        svg,
        r#"<g class="bar" data-workload="{}" data-model="{}" data-language="{language}" data-ms="{ms:.3}"><rect x="{LEFT}" y="{:.1}" width="{:.1}" height="{:.1}" style="{}"/><text x="{:.1}" y="{:.1}" font-size="11">{label}</text><title>{}, {language}: {label}</title></g>"#,
        escape(workload),
        escape(&bar.model),
        y + 1.0,
        end - LEFT,
        BAR - 2.0,
        fill(bar.language),
        end + 4.0,
        y + BAR - 3.0,
        escape(&bar.model),
    );
}

/// Maps milliseconds to x: from 0 on a linear scale, or from a power of ten
/// on a log scale when the times span more than one.
struct Scale {
    log: bool,
    low: f64,
    high: f64,
}

impl Scale {
    fn for_times(times: impl Iterator<Item = Duration>) -> Self {
        let ms: Vec<f64> =
            times.map(|t| (t.as_secs_f64() * 1e3).max(1e-3)).collect();
        let max = ms.iter().copied().fold(1e-3, f64::max);
        let min = ms.iter().copied().fold(max, f64::min);
        if max / min > 10.0 {
            Self {
                log: true,
                low: 10f64.powf(min.log10().floor()),
                high: 10f64.powf(max.log10().ceil()),
            }
        } else {
            Self {
                log: false,
                low: 0.0,
                high: nice_ceiling(max),
            }
        }
    }

    fn x(&self, ms: f64) -> f64 {
        let width = WIDTH - LEFT - RIGHT;
        let share = if self.log {
            (ms.max(self.low).log10() - self.low.log10())
                / (self.high.log10() - self.low.log10())
        } else {
            ms / self.high
        };
        LEFT + share.clamp(0.0, 1.0) * width
    }

    /// Each tick's x and label: every power of ten, or five even steps.
    fn ticks(&self) -> Vec<(f64, String)> {
        let values: Vec<f64> = if self.log {
            let (from, to) = (
                self.low.log10().round() as i32,
                self.high.log10().round() as i32,
            );
            (from..=to).map(|p| 10f64.powi(p)).collect()
        } else {
            (0..=5).map(|i| self.high * i as f64 / 5.0).collect()
        };
        values
            .into_iter()
            .map(|ms| (self.x(ms), tick_label(ms)))
            .collect()
    }
}

/// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `ms`.
fn nice_ceiling(ms: f64) -> f64 {
    let power = 10f64.powf(ms.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|n| n * power)
        .find(|v| *v >= ms)
        .unwrap_or(10.0 * power)
}

/// `0.1 ms`, `20 ms`, `1 s`.
fn tick_label(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{} s", ms / 1e3)
    } else {
        format!("{} ms", (ms * 1e4).round() / 1e4)
    }
}

/// `0.42 ms`, `7.5 ms`, `123 ms`, `1.25 s`: short enough for a bar's label.
fn format_ms(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else if ms >= 1.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Panel> {
        let mut cpu = Panel::new("CPU-bound: 8 jobs");
        cpu.bar("one at a time", Language::Rust, Duration::from_micros(700));
        cpu.bar("one at a time", Language::Python, Duration::from_millis(45));
        cpu.bar("rayon pool (2)", Language::Rust, Duration::from_micros(400));
        let mut io = Panel::new("I/O-bound: 50 waits");
        io.bar("a thread each", Language::Rust, Duration::from_millis(6));
        io.bar("a thread each", Language::Python, Duration::from_millis(8));
        io.reference(Duration::from_millis(250), "one after another");
        vec![cpu, io]
    }

    #[test]
    fn a_bar_per_measurement_and_a_note_where_python_has_none() {
        let svg = chart("lesson-10 compare", &sample());
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>\n"));
        assert!(
            !svg.contains("\n\n"),
            "a blank line ends mdBook's HTML block"
        );
        assert_eq!(svg.matches(r#"<g class="bar""#).count(), 5);
        assert!(
            svg.contains(r#"data-model="rayon pool (2)" data-language="Rust""#)
        );
        assert_eq!(svg.matches("(Python has none)").count(), 1);
        assert_eq!(svg.matches(r#"<g class="reference""#).count(), 1);
        assert!(
            svg.contains(r#"width="100%" style="max-width:720px" role="img""#)
        );
        assert!(svg.contains("var(--links, #2b79a2)"));
    }

    #[test]
    fn a_wide_range_gets_a_log_scale_and_a_narrow_one_starts_at_zero() {
        let wide = Scale::for_times(
            [0.7, 45.0].map(Duration::from_secs_f64).into_iter(),
        );
        assert!(wide.log);
        let labels: Vec<String> =
            wide.ticks().into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels, ["100 ms", "1 s", "10 s", "100 s"]);
        let narrow = Scale::for_times(
            [0.006, 0.008].map(Duration::from_secs_f64).into_iter(),
        );
        assert!(!narrow.log);
        assert_eq!(narrow.high, 10.0);
        assert_eq!(narrow.ticks()[1].1, "2 ms");
        // The longest bar ends at the right edge of the plot, no further.
        assert!(narrow.x(10.0) <= WIDTH - RIGHT);
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(format_ms(0.4242), "0.42 ms");
        assert_eq!(format_ms(7.54), "7.5 ms");
        assert_eq!(format_ms(123.4), "123 ms");
        assert_eq!(format_ms(1250.0), "1.25 s");
        assert_eq!(tick_label(0.1), "0.1 ms");
        assert_eq!(tick_label(2000.0), "2 s");
    }
}
