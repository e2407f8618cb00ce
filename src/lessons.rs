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

    /// The chapter's text: its page, then its sub-pages (`book/NN-K-*.md`, in
    /// order), or an empty string if it does not exist yet.
    pub fn chapter(&self) -> String {
        let mut text =
            std::fs::read_to_string(self.chapter_path()).unwrap_or_default();
        for page in self.sub_pages() {
            text += "\n";
            text += &std::fs::read_to_string(page).unwrap_or_default();
        }
        text
    }

    /// The chapter's sub-pages, `book/NN-K-theme.md`, sorted by K.
    pub fn sub_pages(&self) -> Vec<PathBuf> {
        let prefix = format!("{}-", &self.dir_name()[..2]);
        let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("book"))
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                let name = path.file_name().and_then(|n| n.to_str());
                name.is_some_and(|name| {
                    name.ends_with(".md")
                        && name.strip_prefix(&prefix).is_some_and(|rest| {
                            rest.starts_with(|c: char| c.is_ascii_digit())
                        })
                })
            })
            .collect();
        // By K as a number: 06-10 comes after 06-9.
        pages.sort_by_key(|page| {
            let name = page.file_name().unwrap_or_default().to_string_lossy();
            let k: String =
                name[3..].chars().take_while(char::is_ascii_digit).collect();
            (k.parse::<u32>().unwrap_or(0), name.into_owned())
        });
        pages
    }

    /// The hint for exercise `exercise` (e.g. `ex1`), from
    /// `exercises/hints.md`.
    pub fn hint(&self, exercise: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.dir.join("exercises/hints.md"))
            .ok()?;
        anchored(&text, exercise)
    }

    /// The stages of exercise `exercise`'s hint, in order: the anchors `ex1-1`,
    /// `ex1-2`, ... inside `ex1` (first a question, then where to look). A hint
    /// without stages is one stage; no hint at all is none.
    pub fn hint_stages(&self, exercise: &str) -> Vec<String> {
        let Ok(text) =
            std::fs::read_to_string(self.dir.join("exercises/hints.md"))
        else {
            return Vec::new();
        };
        let stages: Vec<String> = (1..)
            .map_while(|stage| anchored(&text, &format!("{exercise}-{stage}")))
            .map(|hint| hint.trim().to_string())
            .collect();
        if !stages.is_empty() {
            return stages;
        }
        anchored(&text, exercise)
            .map(|hint| vec![hint.trim().to_string()])
            .unwrap_or_default()
    }

    /// The starter file of exercise `exercise` (e.g.
    /// `exercises/ex1_named_workers.rs`).
    pub fn starter(&self, exercise: &str) -> Option<PathBuf> {
        self.exercise_files("exercises", Some(exercise))
            .into_iter()
            .next()
    }

    /// The reference solution of exercise `exercise`
    /// (`solutions/ex1_named_workers.rs`).
    pub fn solution(&self, exercise: &str) -> Option<PathBuf> {
        self.exercise_files("solutions", Some(exercise))
            .into_iter()
            .next()
    }

    /// Every reference solution, in order.
    pub fn solutions(&self) -> Vec<PathBuf> {
        self.exercise_files("solutions", None)
    }

    /// The kept wrong answers (`mistakes/ex1_one_at_a_time.rs`) to exercise
    /// `exercise`, or to every exercise when it is `None`; in order.
    pub fn mistakes(&self, exercise: Option<&str>) -> Vec<PathBuf> {
        self.exercise_files("mistakes", exercise)
    }

    /// The `.rs` files in `folder` that belong to `exercise` (`ex1_*.rs`), or
    /// to any exercise when it is `None`; sorted.
    fn exercise_files(
        &self,
        folder: &str,
        exercise: Option<&str>,
    ) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.dir.join(folder)) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .filter(|n| n.ends_with(".rs"))
                    .and_then(exercise_of_file)
                    .is_some_and(|e| exercise.is_none_or(|wanted| e == wanted))
            })
            .collect();
        found.sort();
        found
    }
}

/// The exercise a file belongs to: `ex1_named_workers.rs` and
/// `ex1_one_at_a_time.rs` belong to `ex1`; `hints.md` and `helper.rs` to none.
pub fn exercise_of_file(name: &str) -> Option<&str> {
    let (exercise, _) = name.split_once('_')?;
    let number = exercise.strip_prefix("ex")?;
    (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        .then_some(exercise)
}

/// A kept wrong answer's first line, `//! WRONG: the workers run one at a
/// time`, says what is wrong with it; this is the part after `WRONG:`.
pub fn what_is_wrong(mistake: &str) -> Option<&str> {
    let first = mistake.lines().next()?;
    let what = first.strip_prefix("//! WRONG:")?.trim();
    (!what.is_empty()).then_some(what)
}

/// Every lesson crate under `lessons/`, in order (the shared helper crate is
/// not a lesson).
pub fn all() -> Result<Vec<LessonDir>> {
    let mut lessons = Vec::new();
    for entry in
        std::fs::read_dir(root().join("lessons")).context("reading lessons/")?
    {
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

/// The lines between `ANCHOR: name` and `ANCHOR_END: name` (mdBook's anchor
/// syntax), without the anchor lines themselves and without the lines of other
/// anchors.
pub fn anchored(text: &str, name: &str) -> Option<String> {
    let mut inside = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        match anchor_on(line) {
            Some(("ANCHOR_END", found)) if found == name => {
                return Some(lines.join("\n"));
            }
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
pub fn anchor_on(line: &str) -> Option<(&'static str, &str)> {
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

    #[test]
    fn files_and_mistakes_are_told_apart_by_their_first_lines() {
        assert_eq!(exercise_of_file("ex1_named_workers.rs"), Some("ex1"));
        assert_eq!(exercise_of_file("ex12_a.rs"), Some("ex12"));
        assert_eq!(exercise_of_file("hints.md"), None);
        assert_eq!(exercise_of_file("example_x.rs"), None);
        assert_eq!(
            what_is_wrong("//! WRONG: one at a time\nuse std::thread;\n"),
            Some("one at a time")
        );
        assert_eq!(what_is_wrong("//! Exercise 1\n//! WRONG: late"), None);
        assert_eq!(what_is_wrong("//! WRONG:   \n"), None);
    }
}
