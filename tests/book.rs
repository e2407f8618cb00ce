//! The book is whole: every lesson has a chapter, every include, relative link
//! and picture resolves, every recording is shown, and mdBook builds it without
//! a warning. mdBook runs here as a library, so no `mdbook` binary is needed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use concurrency_course::lessons::{self, anchored};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::util::SubscriberInitExt as _;

fn book_dir() -> PathBuf {
    lessons::root().join("book")
}

fn chapters() -> Vec<(PathBuf, String)> {
    let mut chapters: Vec<(PathBuf, String)> = std::fs::read_dir(book_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    chapters.sort();
    chapters
}

/// The `{{#include path:anchor}}` and `{{#rustdoc_include ...}}` directives in
/// `text`.
fn includes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for directive in ["{{#include ", "{{#rustdoc_include "] {
        let mut rest = text;
        while let Some(start) = rest.find(directive) {
            rest = &rest[start + directive.len()..];
            let end = rest
                .find("}}")
                .expect("an include directive is closed with }}");
            found.push(rest[..end].trim().to_string());
            rest = &rest[end..];
        }
    }
    found
}

/// The targets of the links and pictures in the markdown `text`, read as mdBook
/// reads it (inline `[text](target)`, reference `[text][name]`,
/// `<https://...>`, `![alt](path)`). What stands in code is code, not a link.
/// E-mail addresses are left out.
fn links(text: &str) -> Vec<String> {
    // mdBook's own choice of extensions (mdbook-markdown's `new_cmark_parser`).
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(text, options)
        .filter_map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => Some(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn links_and_pictures_are_read_outside_code() {
    let text = "See [the intro](introduction.md#start) and [lesson 1][one], \
                <https://example.org>, <someone@example.org>.\n\n\
                ![a diagram](pictures/threads.svg \"title\")\n\n\
                | a table | [a cell](how-it-works.md) |\n| --- | --- |\n\n\
                Not `[code](here.md)`, nor:\n\n\
                ```rust\nlet x = a[0](1);\n[fenced](nowhere.md)\n```\n\n    \
                [indented](nowhere.md)\n\n\
                [one]: 01-threads.md\n";
    assert_eq!(
        links(text),
        [
            "introduction.md#start",
            "01-threads.md",
            "https://example.org",
            "pictures/threads.svg",
            "how-it-works.md",
        ]
    );
}

#[test]
fn every_lesson_has_a_chapter_in_the_summary() {
    let summary =
        std::fs::read_to_string(book_dir().join("SUMMARY.md")).unwrap();
    let lessons = lessons::all().unwrap();
    assert!(!lessons.is_empty(), "no lessons found under lessons/");
    for lesson in lessons {
        let chapter = format!("{}.md", lesson.dir_name());
        assert!(
            summary.contains(&format!("]({chapter})")),
            "{} has no chapter `{chapter}` in book/SUMMARY.md",
            lesson.package
        );
        assert!(
            book_dir().join(&chapter).exists(),
            "book/{chapter} is missing"
        );
    }
}

#[test]
fn every_include_resolves_to_a_file_and_an_anchor() {
    let mut problems = String::new();
    for (chapter, text) in chapters() {
        for include in includes(&text) {
            let (file, anchor) = match include.split_once(':') {
                Some((file, anchor)) => (file, Some(anchor)),
                None => (include.as_str(), None),
            };
            let path = chapter.parent().unwrap().join(file);
            let Ok(source) = std::fs::read_to_string(&path) else {
                writeln!(problems, "{}: no file {file}", chapter.display())
                    .unwrap();
                continue;
            };
            // Line ranges (`file:10:20`) need no anchor; names do.
            if let Some(anchor) =
                anchor.filter(|a| !a.starts_with(|c: char| c.is_ascii_digit()))
                && anchored(&source, anchor).is_none()
            {
                writeln!(
                    problems,
                    "{}: no anchor `{anchor}` in {file}",
                    chapter.display()
                )
                .unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "broken includes:\n{problems}");
}

/// A link to a page that is not there, or a picture whose file is missing,
/// fails here.
#[test]
fn every_relative_link_and_picture_resolves_inside_the_book() {
    let mut problems = String::new();
    for (chapter, text) in chapters() {
        for link in links(&text) {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with('#')
            {
                continue;
            }
            let file = link.split('#').next().unwrap();
            let target = chapter.parent().unwrap().join(file);
            let inside = target.canonicalize().is_ok_and(|t| {
                t.starts_with(book_dir().canonicalize().unwrap())
            });
            if !inside {
                writeln!(
                    problems,
                    "{}: `{link}` is not a file of the book",
                    chapter.display()
                )
                .unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "broken links:\n{problems}");
}

#[test]
fn every_recorded_run_and_exercise_is_in_its_chapter() {
    let mut problems = String::new();
    for lesson in lessons::all().unwrap() {
        let dir_name = lesson.dir_name();
        let chapter = lesson.chapter();
        for recording in files_in(&lesson.dir.join("output")) {
            let name = recording.file_name().unwrap().to_str().unwrap();
            if !chapter.contains(&format!("lessons/{dir_name}/output/{name}")) {
                writeln!(
                    problems,
                    "{}: output/{name} is not shown",
                    lesson.package
                )
                .unwrap();
            }
        }
        for starter in files_in(&lesson.dir.join("exercises")) {
            let name = starter.file_name().unwrap().to_str().unwrap();
            let Some((exercise, _)) = name.split_once('_') else {
                continue;
            };
            if !chapter.contains(&format!("hints.md:{exercise}}}}}")) {
                writeln!(
                    problems,
                    "{}: the hint for {exercise} is not shown",
                    lesson.package
                )
                .unwrap();
            }
            if !chapter.contains(&format!("exercises/{name}")) {
                writeln!(
                    problems,
                    "{}: exercises/{name} is not named",
                    lesson.package
                )
                .unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

/// The numbers a chapter's "Measured" section quotes must appear in what the
/// chapter shows of real runs (the lesson's recordings and any other file it
/// includes): re-recording a lesson without updating the prose fails here.
#[test]
fn numbers_are_read_as_people_write_them() {
    assert_eq!(
        numbers_in("took 466 ms, 2.0x; 1,513,345 a second, lesson-01."),
        ["466", "2.0", "1513345"]
    );
}

#[test]
fn measured_numbers_come_from_the_recordings() {
    let mut problems = String::new();
    for lesson in lessons::all().unwrap() {
        let dir_name = lesson.dir_name();
        let chapter = lesson.chapter();
        let Some(start) = chapter.find("\n## Measured\n") else {
            writeln!(problems, "{dir_name}.md has no `## Measured` section")
                .unwrap();
            continue;
        };
        let section = &chapter[start + 1..];
        let section = section[1..]
            .find("\n## ")
            .map_or(section, |end| &section[..end + 1]);
        let mut shown: String = files_in(&lesson.dir.join("output"))
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        for include in includes(&chapter) {
            let file = include.split(':').next().unwrap();
            shown += &std::fs::read_to_string(book_dir().join(file))
                .unwrap_or_default();
        }
        let shown = shown.replace(',', "");
        for number in numbers_in(section) {
            if !shown.contains(&number) {
                writeln!(
                    problems,
                    "{dir_name}.md quotes {number} under Measured, but nothing the \
                     chapter shows of a run (lessons/{dir_name}/output/, its includes) has it"
                )
                .unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

/// The numbers in a text (`466`, `2.0`, `1,513,345` read as `1513345`),
/// skipping `{{#include}}` lines, code and lesson numbers such as `lesson-01`.
fn numbers_in(text: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    for line in text.lines().filter(|l| !l.contains("{{#")) {
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let previous = line[..i].chars().next_back();
            if !c.is_ascii_digit()
                || previous.is_some_and(|p| p.is_alphanumeric() || p == '-')
            {
                continue;
            }
            let mut number = c.to_string();
            while let Some(&(at, n)) = chars.peek() {
                let digit_follows = line[at + n.len_utf8()..]
                    .starts_with(|d: char| d.is_ascii_digit());
                if n.is_ascii_digit() || (n == '.' && !number.contains('.')) {
                    number.push(n);
                } else if n != ',' || !digit_follows {
                    break;
                }
                // (A comma between digits, as in 1,513,345, is only for
                // reading.)
                chars.next();
            }
            numbers.push(number.trim_end_matches('.').to_string());
        }
    }
    numbers
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Where mdBook's log lines go: it reports through `tracing`, and a broken
/// include is only an ERROR line (the build itself still succeeds).
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_book_builds_without_a_warning() {
    let out = std::env::temp_dir()
        .join(format!("course-book-{}", std::process::id()));
    let log = Log::default();
    let warnings = tracing_subscriber::fmt()
        .with_max_level(LevelFilter::WARN)
        .with_ansi(false)
        .without_time()
        .with_writer({
            let log = log.clone();
            move || log.clone()
        })
        .finish();
    let result = {
        let _only_here = warnings.set_default();
        mdbook_driver::MDBook::load(lessons::root()).and_then(|mut book| {
            book.config.build.build_dir = out.clone();
            book.build()
        })
    };
    let html: Vec<(PathBuf, String)> = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let _ = std::fs::remove_dir_all(&out);
    if let Err(error) = result {
        panic!("mdbook build failed: {error:#}");
    }
    let complaints =
        String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(
        complaints.trim().is_empty(),
        "mdbook complained:\n{complaints}"
    );
    assert!(
        html.len() > 2,
        "the book rendered only {} pages",
        html.len()
    );
    for (page, text) in &html {
        assert!(
            !text.contains("{{#"),
            "{} still shows a raw mdBook directive",
            page.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// What a code block shows once its `{{#include}}` directives are replaced by
/// the lines they include, as mdBook replaces them (anchor lines dropped).
fn expanded(chapter: &Path, code: &str) -> String {
    let mut shown = String::new();
    for line in code.lines() {
        let Some(include) = includes(line).pop() else {
            shown += line;
            shown += "\n";
            continue;
        };
        let (file, anchor) = match include.split_once(':') {
            Some((file, anchor)) => (file, Some(anchor)),
            None => (include.as_str(), None),
        };
        let source =
            std::fs::read_to_string(chapter.parent().unwrap().join(file))
                .unwrap_or_default();
        let text = match anchor {
            Some(anchor) => anchored(&source, anchor).unwrap_or_default(),
            None => source,
        };
        for line in text.lines().filter(|l| lessons::anchor_on(l).is_none()) {
            shown += line;
            shown += "\n";
        }
    }
    shown
}

/// The code blocks of a page, each with the include it shows (if any) and
/// its text as the reader sees it.
fn code_blocks(chapter: &Path, text: &str) -> Vec<(Option<String>, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => current = Some(String::new()),
            Event::Text(code) if current.is_some() => {
                current.as_mut().unwrap().push_str(&code);
            }
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                let code = current.take().unwrap_or_default();
                blocks.push((includes(&code).pop(), expanded(chapter, &code)));
            }
            _ => {}
        }
    }
    blocks
}

/// About 88 monospace characters fit mdBook's text column at laptop width;
/// the Rust Book keeps to 80 so nothing scrolls sideways.
const COLUMNS: usize = 80;

#[test]
fn everything_the_book_shows_in_code_fits_80_columns() {
    let mut problems = String::new();
    for (chapter, text) in chapters() {
        let page = chapter.file_name().unwrap().to_string_lossy();
        for (include, shown) in code_blocks(&chapter, &text) {
            for line in shown.lines() {
                let width = line.chars().count();
                if width > COLUMNS {
                    let from = include.as_deref().unwrap_or("the page itself");
                    writeln!(
                        problems,
                        "{page}: {width} columns ({from}): {line}"
                    )
                    .unwrap();
                }
            }
        }
    }
    assert!(problems.is_empty(), "wider than {COLUMNS}:\n{problems}");
}

/// A table cell's inline code does not wrap: each row's widest code spans,
/// one per cell, must fit the column together.
#[test]
fn tables_fit_80_columns() {
    let mut problems = String::new();
    for (chapter, text) in chapters() {
        let page = chapter.file_name().unwrap().to_string_lossy();
        let (mut row, mut cell_widest, mut in_cell) = (0, 0, false);
        for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::TableRow | Tag::TableHead) => row = 0,
                Event::Start(Tag::TableCell) => {
                    (in_cell, cell_widest) = (true, 0)
                }
                Event::Code(code) if in_cell => {
                    cell_widest = cell_widest.max(code.chars().count());
                }
                Event::Text(words) if in_cell => {
                    let longest =
                        words.split_whitespace().map(|w| w.chars().count());
                    cell_widest = cell_widest.max(longest.max().unwrap_or(0));
                }
                Event::End(pulldown_cmark::TagEnd::TableCell) => {
                    in_cell = false;
                    row += cell_widest + 3;
                }
                Event::End(
                    pulldown_cmark::TagEnd::TableRow
                    | pulldown_cmark::TagEnd::TableHead,
                ) if row > COLUMNS => {
                    writeln!(
                        problems,
                        "{page}: a table row needs {row} columns"
                    )
                    .unwrap();
                }
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

/// The core of an idea fits one screen: no listing from a lesson's source
/// shows more than 40 lines, nor a blank line above or below its code.
#[test]
fn no_listing_is_longer_than_40_lines() {
    let mut problems = String::new();
    for (chapter, text) in chapters() {
        let page = chapter.file_name().unwrap().to_string_lossy();
        for (include, shown) in code_blocks(&chapter, &text) {
            let Some(include) = include else { continue };
            let from_source = (include.contains("/src/")
                || include.contains("/compile_fail/"))
                && !include.contains(".stderr");
            let lines = shown.lines().count();
            let (first, last) = (shown.lines().next(), shown.lines().last());
            if from_source
                && [first, last]
                    .iter()
                    .any(|l| l.is_some_and(|l| l.is_empty()))
            {
                writeln!(problems, "{page}: {include} starts or ends blank")
                    .unwrap();
            }
            if from_source && lines > 40 {
                writeln!(problems, "{page}: {include} shows {lines} lines")
                    .unwrap();
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

/// Every listing of source has a caption right above it that names its file
/// (the Rust Book names every listing), and a listing that must not compile
/// says so before the reader reads it.
#[test]
fn every_listing_has_a_caption_naming_its_file() {
    let mut problems = String::new();
    for (chapter, text) in chapters() {
        let page = chapter.file_name().unwrap().to_string_lossy();
        let lines: Vec<&str> = text.lines().collect();
        for (at, line) in lines.iter().enumerate() {
            let Some(include) = includes(line).pop() else {
                continue;
            };
            let file = include.split(':').next().unwrap();
            let source = file.ends_with(".rs") || file.ends_with(".py");
            let fenced =
                at > 0 && lines[at - 1].trim_start().starts_with("```");
            if !source || !fenced {
                continue;
            }
            let caption = lines[..at - 1]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .filter(|l| l.starts_with("<p class=\"listing"));
            let shown = file.trim_start_matches("../");
            match caption {
                None => writeln!(problems, "{page}: {shown} has no caption")
                    .unwrap(),
                Some(caption) if !caption.contains(shown) => writeln!(
                    problems,
                    "{page}: the caption above {shown} names another file"
                )
                .unwrap(),
                Some(caption)
                    if file.contains("/compile_fail/")
                        && !caption.contains("does not compile") =>
                {
                    writeln!(problems, "{page}: {shown} is not marked").unwrap()
                }
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{problems}");
}
