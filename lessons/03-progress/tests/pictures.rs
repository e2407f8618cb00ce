//! The timeline the chapter shows says what its part claims. The check reads
//! the recorded picture (`output/stop.svg`) and a fresh one, and looks only at
//! which spans and marks came before, during or after which, never at how long
//! they took.

use course_test::picture::{self, Drawn, Mark, named};

const LESSON: &str = env!("CARGO_BIN_EXE_lesson-03");
const DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The files a worker indexed, on its lane, one after the other.
fn files_on<'a>(spans: &'a [Drawn], lane: &str) -> Vec<&'a Drawn> {
    let files: Vec<&Drawn> = named(spans, "file")
        .into_iter()
        .filter(|f| f.lane == lane)
        .collect();
    assert!(!files.is_empty(), "no files on {lane}: {spans:#?}");
    for pair in files.windows(2) {
        assert!(!pair[0].overlaps(pair[1]), "one file at a time: {pair:#?}");
    }
    files
}

/// Main asks each worker once, the flag worker first. The request falls in
/// the middle of a file of each, the last one each worker starts, and after
/// the files before it: `Err` if not. (A busy machine can keep a worker off
/// the CPU between looking for the request and starting a file, or between
/// finishing a file and saying so, and move the request to another place
/// among the spans.) Returns the last file of each worker and the two
/// requests.
fn check_stop<'a>(
    spans: &'a [Drawn],
    marks: &[Mark],
) -> Result<[(&'a Drawn, Mark); 2], String> {
    let requests: Vec<&Mark> =
        marks.iter().filter(|m| m.label == "stop!").collect();
    assert_eq!(requests.len(), 2, "{marks:#?}");
    let mut last = Vec::new();
    for (lane, request) in
        ["flag worker", "chan worker"].into_iter().zip(requests)
    {
        assert_eq!(request.lane, "main", "main asks: {request:#?}");
        let files = files_on(spans, lane);
        let (final_file, before) = files.split_last().expect("not empty");
        let in_place = before.iter().all(|f| f.end <= request.at)
            && final_file.start <= request.at
            && request.at <= final_file.end;
        if !in_place {
            return Err(format!(
                "{lane}: the request did not fall in its last file: \
                 {files:#?} {request:#?}"
            ));
        }
        last.push((*final_file, request.clone()));
    }
    let flag_files = files_on(spans, "flag worker");
    let chan_files = files_on(spans, "chan worker");
    assert!(
        flag_files.last().unwrap().end <= chan_files[0].start,
        "the channel worker starts after the flag worker has stopped"
    );
    Ok([last[0].clone(), last[1].clone()])
}

#[test]
fn stop_the_flag_finishes_its_file_the_channel_does_not() {
    let path = format!("{DIR}/output/stop.svg");
    let spans = picture::spans(&path);
    let [(flag, flag_asked), (chan, chan_asked)] =
        check_stop(&spans, &picture::marks(&path)).unwrap();
    // In the book's run, the flag worker went on with its file after the
    // request, and the channel worker stopped sooner.
    assert!(
        flag.end - flag_asked.at > chan.end - chan_asked.at,
        "{flag:#?} {flag_asked:#?} {chan:#?} {chan_asked:#?}"
    );
    // The picture draws what the recording says: the flag worker finished N
    // files, the channel worker N files and part of one more.
    let text =
        std::fs::read_to_string(format!("{DIR}/output/stop.txt")).unwrap();
    for (lane, how, unfinished) in
        [("flag worker", "flag", 0), ("chan worker", "channel", 1)]
    {
        let drawn = files_on(&spans, lane).len() - unfinished;
        let said = format!("with a {how}:");
        let line = text.lines().find(|l| l.contains(&said)).unwrap();
        assert!(
            line.contains(&format!("stopped after {drawn} of")),
            "{drawn} whole files drawn on {lane}: {line}"
        );
    }
    // Every fresh run is checked; one of them must show both requests
    // falling mid-file, after the files before.
    let path = std::env::temp_dir()
        .join(format!("lesson-03-stop-{}.svg", std::process::id()));
    let mut why = Vec::new();
    for _ in 0..course_test::TRIES {
        let fresh = course_test::run(
            LESSON,
            &[
                "stop",
                "--files=10",
                "--step-ms=20",
                &format!("--svg={}", path.display()),
            ],
        );
        fresh.assert_success();
        let checked = std::panic::catch_unwind(|| {
            check_stop(&picture::spans(&path), &picture::marks(&path))
                .map(|_| ())
        });
        let _ = std::fs::remove_file(&path);
        match checked.unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
            Ok(()) => return,
            Err(not_shown) => why.push(not_shown),
        }
    }
    panic!("no run showed both requests falling mid-file: {why:#?}");
}
