//! A lesson stopped mid-run: every process it started ends with it, and no
//! shared memory it made stays in `/dev/shm`. What a hostile user tries by
//! hand, made systematic: each part of a lesson is stopped by SIGKILL, by
//! SIGTERM, by Ctrl-C and by a reader that goes away (`| head`), moments
//! after its first child process starts. Each must also be quiet: after it,
//! nothing more appears on stderr, from the lesson or from its children.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process, kill_process_group};

/// How the lesson is stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGKILL to the lesson alone: no handler and no destructor runs.
    Kill,
    /// SIGTERM to the lesson alone, as `kill PID` sends.
    Terminate,
    /// SIGINT to the lesson's whole process group, as Ctrl-C in a terminal.
    Interrupt,
    /// The reader of the lesson's output goes away, as `| head` does once it
    /// has its lines: the lesson's next write finds the pipe closed.
    CloseOutput,
}

/// Each way to stop a lesson, and how long after its first child starts: at
/// once, while children are still starting, and once they are at work.
pub const STOPS: [(Stop, Duration); 4] = [
    (Stop::Kill, Duration::ZERO),
    (Stop::Terminate, Duration::from_millis(150)),
    (Stop::CloseOutput, Duration::from_millis(250)),
    (Stop::Interrupt, Duration::from_millis(400)),
];

/// How long a part may take to start its first child, or to end without one,
/// on a busy machine. A part runs in a few seconds when the machine is quiet.
const START: Duration = Duration::from_secs(60);
/// How long the lesson and everything it started may take to end once stopped.
const END: Duration = Duration::from_secs(10);

/// What one stop left behind.
#[derive(Debug)]
pub struct Stopped {
    pub part: String,
    pub stop: Stop,
    /// The processes the lesson had started (and they had started) by then.
    pub children: Vec<u32>,
    /// Of those, and of the lesson's process group, the ones still running
    /// 10 s after the stop. They are killed before this returns.
    pub left: Vec<u32>,
    /// The course's segments in `/dev/shm` made by the lesson or its children,
    /// and the `shared_memory` crate's made since the part started, still
    /// there once they have all ended. They are removed before this returns.
    pub segments: Vec<String>,
    /// Whether the lesson itself ended in time: within 10 s of a signal, or
    /// within a minute of its reader going away.
    pub ended: bool,
    /// What the lesson and its children wrote on stderr after the stop about
    /// the stop: an error, a signal, a broken pipe. A user who presses Ctrl-C,
    /// pipes into `head` or kills the lesson expects no such word from the
    /// processes it leaves to end. (A line a part prints on purpose, such as
    /// a worker's crash that the part shows, may fall after the stop too: it
    /// is not noise.)
    pub noise: String,
}

impl Stopped {
    pub fn clean(&self) -> bool {
        self.ended
            && self.left.is_empty()
            && self.segments.is_empty()
            && self.noise.is_empty()
    }
}

/// The parts `exe --list` names.
pub fn parts(exe: &str) -> Vec<String> {
    let out = Command::new(exe).arg("--list").output().unwrap();
    assert!(out.status.success(), "{exe} --list failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// Starts `exe part` in a process group of its own, waits for its first child
/// process, waits `after` more, and stops it `stop`'s way. `None` if the part
/// ended without starting a child.
pub fn stop_mid_run(
    exe: &str,
    part: &str,
    stop: Stop,
    after: Duration,
) -> Option<Stopped> {
    // Stderr goes to a file, which never fills up: what was written after
    // the stop is what the file holds beyond its length at that moment.
    let stderr_path = std::env::temp_dir().join(format!(
        "course-stopped-{}-{part}.stderr",
        std::process::id()
    ));
    let stderr = std::fs::File::create(&stderr_path).unwrap();
    let since = std::time::SystemTime::now();
    let mut lesson = Command::new(exe)
        .arg(part)
        .stdin(Stdio::null())
        .stdout(if stop == Stop::CloseOutput {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(stderr.try_clone().unwrap())
        .process_group(0)
        .spawn()
        .unwrap();
    let pid = lesson.id();
    // Unread until the stop: a part prints far less than a pipe holds.
    let mut output = lesson.stdout.take();
    let noise_since = |at: u64| {
        let mut file = std::fs::File::open(&stderr_path).unwrap();
        let mut all = Vec::new();
        file.read_to_end(&mut all).unwrap();
        String::from_utf8_lossy(&all[(at as usize).min(all.len())..])
            .into_owned()
    };
    let mut children: Vec<u32> = Vec::new();
    let note = |children: &mut Vec<u32>| {
        for child in descendants(pid) {
            if !children.contains(&child) {
                children.push(child);
            }
        }
    };
    let started = Instant::now();
    while children.is_empty() {
        if lesson.try_wait().unwrap().is_some() {
            let _ = std::fs::remove_file(&stderr_path);
            return None;
        }
        assert!(
            started.elapsed() < START,
            "{exe} {part}: neither ended nor started a child in {START:?}"
        );
        thread::sleep(Duration::from_millis(2));
        note(&mut children);
    }
    let until = Instant::now() + after;
    while Instant::now() < until {
        thread::sleep(Duration::from_millis(5));
        note(&mut children);
    }
    note(&mut children);
    let as_pid = Pid::from_raw(pid as i32).unwrap();
    let written_before = stderr.metadata().unwrap().len();
    // An error here means the lesson has already ended: nothing to stop.
    let _ = match stop {
        Stop::Kill => kill_process(as_pid, Signal::KILL),
        Stop::Terminate => kill_process(as_pid, Signal::TERM),
        Stop::Interrupt => kill_process_group(as_pid, Signal::INT),
        Stop::CloseOutput => {
            drop(output.take());
            Ok(())
        }
    };
    let stopped = Instant::now();
    // A lesson whose reader went away ends at its next write, or at the end
    // of the part: it gets as long as a part may take to start a child.
    let limit = if stop == Stop::CloseOutput {
        START
    } else {
        END
    };
    let ended = loop {
        if lesson.try_wait().unwrap().is_some() {
            break true;
        }
        if stopped.elapsed() > limit {
            let _ = lesson.kill();
            let _ = lesson.wait();
            break false;
        }
        thread::sleep(Duration::from_millis(5));
    };
    // The lesson has been reaped; its children, if any are left, now belong
    // to another parent, but keep its process group.
    let still = |children: &[u32]| {
        let mut left: Vec<u32> =
            children.iter().copied().filter(|&c| running(c)).collect();
        for member in group(pid) {
            if !left.contains(&member) {
                left.push(member);
            }
        }
        left
    };
    let mut left = still(&children);
    let ended_at = Instant::now();
    while !left.is_empty() && ended_at.elapsed() < END {
        thread::sleep(Duration::from_millis(10));
        left = still(&children);
    }
    for &pid in &left {
        // Leave nothing behind, even when the check fails.
        let _ = kill_process(Pid::from_raw(pid as i32).unwrap(), Signal::KILL);
    }
    let mut segments = crate::shm::segments_of(pid);
    for &child in &children {
        segments.extend(crate::shm::segments_of(child));
    }
    // The `shared_memory` crate's names carry no pid: one made since the
    // part started, and not removed within 2 s, is taken for its leak.
    for name in crate::shm::left_since(since) {
        if !segments.contains(&name) {
            segments.push(name);
        }
    }
    for name in &segments {
        let _ = std::fs::remove_file(format!("/dev/shm/{name}"));
    }
    let noise: String = noise_since(written_before)
        .lines()
        .filter(|line| about_the_stop(line))
        .map(|line| format!("{line}\n"))
        .collect();
    let _ = std::fs::remove_file(&stderr_path);
    Some(Stopped {
        part: part.to_string(),
        stop,
        children,
        left,
        segments,
        ended,
        noise,
    })
}

/// Whether a line on stderr speaks of the stop: an error, a signal, a pipe
/// whose reader went away.
fn about_the_stop(line: &str) -> bool {
    let words = ["error", "signal", "SIG", "Broken pipe", "os error"];
    words.iter().any(|word| line.contains(word))
}

/// The processes whose parent is `pid`, and theirs, and so on.
pub fn descendants(pid: u32) -> Vec<u32> {
    let processes = processes();
    let mut found = Vec::new();
    let mut parents = vec![pid];
    while let Some(parent) = parents.pop() {
        for p in &processes {
            if p.parent == parent && !found.contains(&p.pid) {
                found.push(p.pid);
                parents.push(p.pid);
            }
        }
    }
    found
}

/// Whether process `pid` is still running (a zombie is not).
pub fn running(pid: u32) -> bool {
    stat(pid).is_some()
}

/// The running processes of process group `pgid`.
fn group(pgid: u32) -> Vec<u32> {
    let members = processes().into_iter().filter(|p| p.group == pgid);
    members.map(|p| p.pid).collect()
}

struct Process {
    pid: u32,
    parent: u32,
    group: u32,
}

/// Every running process (zombies left out).
fn processes() -> Vec<Process> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .filter_map(stat)
        .collect()
}

/// Process `pid`'s parent and group, from `/proc/PID/stat`; `None` once it
/// has ended (or is a zombie).
fn stat(pid: u32) -> Option<Process> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The name in parentheses may hold spaces: the fields start after it.
    let mut fields = stat.rsplit_once(") ")?.1.split(' ');
    let state = fields.next()?;
    let parent = fields.next()?.parse().ok()?;
    let group = fields.next()?.parse().ok()?;
    (state != "Z").then_some(Process { pid, parent, group })
}
