//! Reading a recorded timeline picture (`output/PART.svg`) back, so a test can
//! check what it shows (which lanes worked at the same time) without timings.

use std::path::Path;
use std::time::Duration;

/// One span as the picture draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub lane: String,
    pub name: String,
    pub start: Duration,
    pub end: Duration,
}

impl Drawn {
    /// Whether the two spans were running at the same moment.
    pub fn overlaps(&self, other: &Drawn) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: &Drawn) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The spans of the picture at `path`, which must be well-formed SVG that
/// mdBook can inline (no blank line, no XML prolog).
pub fn spans(path: impl AsRef<Path>) -> Vec<Drawn> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read the picture {}: {e}", path.display())
    });
    assert!(
        text.starts_with("<svg ") && !text.contains("\n\n"),
        "{}: an inline SVG starts with <svg and has no blank line",
        path.display()
    );
    let document = roxmltree::Document::parse(&text).unwrap_or_else(|e| {
        panic!("{} is not well-formed: {e}", path.display())
    });
    let micros = |node: roxmltree::Node, name: &str| {
        let value = node.attribute(name).unwrap_or_default();
        Duration::from_micros(value.parse().unwrap_or_else(|_| {
            panic!("{}: a span has no number in {name}", path.display())
        }))
    };
    document
        .descendants()
        .filter(|node| node.attribute("class") == Some("span"))
        .map(|node| Drawn {
            lane: node.attribute("data-lane").unwrap_or_default().to_string(),
            name: node.attribute("data-name").unwrap_or_default().to_string(),
            start: micros(node, "data-start-us"),
            end: micros(node, "data-end-us"),
        })
        .collect()
}

/// One mark (an event: a line received, a message sent) as the picture draws
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub lane: String,
    pub label: String,
    pub at: Duration,
}

/// The marks of the picture at `path`, in the order they happened.
pub fn marks(path: impl AsRef<Path>) -> Vec<Mark> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read the picture {}: {e}", path.display())
    });
    let document = roxmltree::Document::parse(&text).unwrap_or_else(|e| {
        panic!("{} is not well-formed: {e}", path.display())
    });
    let mut marks: Vec<Mark> = document
        .descendants()
        .filter(|node| node.attribute("class") == Some("mark"))
        .map(|node| Mark {
            lane: node.attribute("data-lane").unwrap_or_default().to_string(),
            label: node.attribute("data-label").unwrap_or_default().to_string(),
            at: Duration::from_micros(
                node.attribute("data-at-us")
                    .and_then(|t| t.parse().ok())
                    .unwrap_or_else(|| {
                        panic!("{}: a mark has no time", path.display())
                    }),
            ),
        })
        .collect();
    marks.sort_by_key(|m| m.at);
    marks
}

/// The spans called `name`, in the order they started.
pub fn named<'a>(spans: &'a [Drawn], name: &str) -> Vec<&'a Drawn> {
    let mut found: Vec<&Drawn> =
        spans.iter().filter(|s| s.name == name).collect();
    found.sort_by_key(|s| s.start);
    found
}

/// Runs `part` of the lesson at `exe` with `options`, asking it to draw its
/// timeline, and returns the spans it drew (the run must succeed).
pub fn fresh(exe: &str, part: &str, options: &[&str]) -> Vec<Drawn> {
    static NEXT: std::sync::atomic::AtomicU32 =
        std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = std::env::temp_dir().join(format!(
        "course-picture-{}-{n}-{part}.svg",
        std::process::id()
    ));
    let svg = format!("--svg={}", file.display());
    let args: Vec<&str> = std::iter::once(part)
        .chain(options.iter().copied())
        .chain(std::iter::once(svg.as_str()))
        .collect();
    let run = crate::run(exe, &args);
    let spans = std::panic::catch_unwind(|| {
        run.assert_success();
        spans(&file)
    });
    let _ = std::fs::remove_file(&file);
    spans.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// A picture of one part drawn by a fresh run of the lesson, for checks that
/// read its marks or labels too; the file is removed when this is dropped.
pub struct Fresh(std::path::PathBuf);

impl Fresh {
    /// Runs `part` of the lesson at `exe` with `options` and `--svg` (the run
    /// must succeed).
    pub fn draw(exe: &str, part: &str, options: &[&str]) -> Self {
        static NEXT: std::sync::atomic::AtomicU32 =
            std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "course-fresh-{}-{n}-{part}.svg",
            std::process::id()
        ));
        let svg = format!("--svg={}", path.display());
        let args: Vec<&str> = std::iter::once(part)
            .chain(options.iter().copied())
            .chain(std::iter::once(svg.as_str()))
            .collect();
        let fresh = Self(path);
        crate::run(exe, &args).assert_success();
        fresh
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Each span's lane and its label (the label is in the span's `<title>`,
/// followed by ` · ` and its duration).
pub fn labels(path: impl AsRef<Path>) -> Vec<(String, String)> {
    let svg = std::fs::read_to_string(path.as_ref()).unwrap();
    svg.split(r#"<g class="span" "#)
        .skip(1)
        .map(|span| {
            let between = |before: &str, after: &str| {
                let (_, rest) = span.split_once(before).expect(before);
                rest.split_once(after).expect(after).0.to_string()
            };
            let title = between("<title>", "</title>");
            let label = title.rsplit_once(" · ").map_or(&*title, |(l, _)| l);
            (between(r#"data-lane=""#, r#"""#), label.to_string())
        })
        .collect()
}
