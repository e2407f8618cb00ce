//! Finding the lessons in the workspace and the parts of each one's exercises.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The workspace root (where this crate lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One lesson crate: `lessons/01-threads` with package `lesson-01`.
#[derive(Debug, Clone)]
pub struct LessonDir {
    pub number: String,
    pub package: String,
    pub dir: PathBuf,
}

impl LessonDir {
    /// `lessons/01-threads`, as a learner would type it.
    pub fn relative_dir(&self) -> String {
        self.dir
            .strip_prefix(root())
            .unwrap_or(&self.dir)
            .display()
            .to_string()
    }

    /// The folder's own name: `01-threads`.
    pub fn dir_name(&self) -> &str {
        self.dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
    }

    /// The lesson's chapter, `book/01-threads.md`.
    pub fn chapter_path(&self) -> PathBuf {
        root().join("book").join(format!("{}.md", self.dir_name()))
    }

    /// The chapter's text, or an empty string if it does not exist yet.
    pub fn chapter(&self) -> String {
        std::fs::read_to_string(self.chapter_path()).unwrap_or_default()
    }

    /// The hint for exercise `exercise` (e.g. `ex1`), from `exercises/hints.md`.
    pub fn hint(&self, exercise: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.dir.join("exercises/hints.md")).ok()?;
        anchored(&text, exercise)
    }

    /// The starter file of exercise `exercise` (e.g. `exercises/ex1_named_workers.rs`).
    pub fn starter(&self, exercise: &str) -> Option<PathBuf> {
        let prefix = format!("{exercise}_");
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.dir.join("exercises"))
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".rs"))
            })
            .collect();
        found.sort();
        found.into_iter().next()
    }
}

/// Every lesson crate under `lessons/`, in order (the shared helper crate is not a lesson).
pub fn all() -> Result<Vec<LessonDir>> {
    let mut lessons = Vec::new();
    for entry in std::fs::read_dir(root().join("lessons")).context("reading lessons/")? {
        let dir = entry?.path();
        let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some((number, _topic)) = name.split_once('-') else {
            continue;
        };
        if number.len() != 2 || !number.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        lessons.push(LessonDir {
            number: number.to_string(),
            package: format!("lesson-{number}"),
            dir,
        });
    }
    lessons.sort_by(|a, b| a.number.cmp(&b.number));
    Ok(lessons)
}

/// The lesson a learner named: `1`, `01` or `lesson-01`.
pub fn find(name: &str) -> Result<LessonDir> {
    let digits = name.trim_start_matches("lesson-");
    let Ok(number) = digits.parse::<u32>() else {
        bail!("'{name}' is not a lesson number (try 01)");
    };
    let wanted = format!("{number:02}");
    all()?
        .into_iter()
        .find(|l| l.number == wanted)
        .with_context(|| format!("there is no lesson {wanted} (see lessons/)"))
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name` (mdBook's anchor syntax),
/// without the anchor lines themselves and without the lines of other anchors.
pub fn anchored(text: &str, name: &str) -> Option<String> {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        match anchor_on(line) {
            Some(("ANCHOR_END", found)) if found == name => return Some(lines.join("\n")),
            Some(("ANCHOR", found)) if found == name => inside = true,
            Some(_) => {}
            None if inside => lines.push(line),
            None => {}
        }
    }
    None
}

/// The anchor a line marks, as (`ANCHOR` or `ANCHOR_END`, name), like mdBook's
/// `ANCHOR:\s*[\w_-]+`.
fn anchor_on(line: &str) -> Option<(&'static str, &str)> {
    for keyword in ["ANCHOR_END", "ANCHOR"] {
        if let Some((_, rest)) = line.split_once(&format!("{keyword}:")) {
            let rest = rest.trim_start();
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            return Some((keyword, &rest[..end]));
        }
    }
    None
}

/// `path` shown relative to the workspace root.
pub fn show(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_read_like_mdbook_reads_them() {
        let text = "a\n<!-- ANCHOR: ex1 -->\nfirst\n<!-- ANCHOR: inner -->\nsecond\n\
                    <!-- ANCHOR_END: inner -->\n<!-- ANCHOR_END: ex1 -->\n";
        assert_eq!(anchored(text, "ex1").as_deref(), Some("first\nsecond"));
        assert_eq!(anchored(text, "ex10"), None);
    }
}
