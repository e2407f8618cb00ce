//! The life of a named segment: who creates it, who opens it, and who removes
//! it, when.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard};
use course_kit::shm::SharedValue;

/// Is this segment in `/dev/shm` right now?
pub fn exists(handle: &str) -> bool {
    Path::new("/dev/shm")
        .join(handle.trim_start_matches('/'))
        .exists()
}

// ANCHOR: child_killed
/// A child that has opened the segment is killed. Only the owner removes a
/// segment, so it stays, with its value, until the owner drops it.
pub fn child_killed() -> Result<(i64, bool, bool)> {
    let balance = SharedValue::<AtomicI64>::create()?;
    let name = balance.handle().to_string();
    let mut command = child::command("deposit", &[])?;
    balance.pass_to(&mut command)?;
    command.stdout(Stdio::piped());
    let mut depositor = ChildGuard::spawn(&mut command)?;
    let lines =
        child::lines(depositor.child_mut().stdout.take().context("no stdout")?);
    lines
        .recv_timeout(Duration::from_secs(10))
        .context("the child never deposited")?;
    // SIGKILL, in the middle of its work
    let status = depositor.kill()?;
    anyhow::ensure!(status.signal() == Some(9), "the depositor: {status}");
    let after_kill = exists(&name);
    let value = balance.load(Ordering::Relaxed);
    drop(balance); // the owner is done
    Ok((value, after_kill, exists(&name)))
}
// ANCHOR_END: child_killed

// ANCHOR: deposit
pub fn deposit(args: &[String]) -> Result<()> {
    let handle: String = child::role_arg(args, 0, "handle")?;
    let balance = SharedValue::<AtomicI64>::open(&handle)?;
    balance.fetch_add(100, Ordering::Relaxed);
    println!("deposited");
    std::thread::sleep(Duration::from_secs(60)); // killed long before this ends
    Ok(())
}
// ANCHOR_END: deposit

// ANCHOR: owner_panics
/// The owner panics while the segment exists. The panic unwinds, the value is
/// dropped on the way out, and the drop removes the segment.
pub fn owner_panics() -> (bool, bool) {
    let mut name = String::new();
    // Silence the usual "thread 'main' panicked at ..." on stderr: this panic
    // is on purpose.
    let usual = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let unwound =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let balance =
                SharedValue::<AtomicI64>::create().expect("cannot create");
            name = balance.handle().to_string();
            panic!("a bug while {name} exists");
        }));
    std::panic::set_hook(usual);
    (unwound.is_err(), exists(&name))
}
// ANCHOR_END: owner_panics

// ANCHOR: owner_signalled
/// A child creates (owns) a segment and waits. We send it `signal`: on SIGINT
/// or SIGTERM course-kit's watcher removes the segment; SIGKILL leaves it
/// behind.
pub fn owner_signalled(
    signal: rustix::process::Signal,
) -> Result<(String, ExitStatus, bool)> {
    let mut command = child::command("owner", &[])?;
    command.stdout(Stdio::piped());
    let mut owner = ChildGuard::spawn(&mut command)?;
    let lines =
        child::lines(owner.child_mut().stdout.take().context("no stdout")?);
    let name = lines
        .recv_timeout(Duration::from_secs(10))
        .context("no segment name")?;
    let pid =
        rustix::process::Pid::from_raw(owner.id() as i32).context("bad pid")?;
    rustix::process::kill_process(pid, signal)?;
    // Look before we wait: until then the dead owner stays in the process list
    // (a zombie), so nobody's `remove_stale` may take its segment yet.
    wait_until_dead(owner.id())?;
    let left = exists(&name);
    let status = owner.wait()?;
    Ok((name, status, left))
}
// ANCHOR_END: owner_signalled

// ANCHOR: owner
pub fn owner(_: &[String]) -> Result<()> {
    // Should the lesson die, this child gets SIGTERM rather than the usual
    // SIGKILL, so that course-kit's watcher removes its segment.
    let term = rustix::process::Signal::TERM;
    rustix::process::set_parent_process_death_signal(Some(term))?;
    // The parent may have ended before the request: then nobody sends it, so
    // end now, quietly, as that signal would.
    let parent = std::os::unix::process::parent_id();
    if child::started_by() != Some(parent) {
        child::end_as_by(term.as_raw());
    }
    let balance = SharedValue::<AtomicI64>::create()?;
    println!("{}", balance.handle());
    std::thread::sleep(Duration::from_secs(60)); // until a signal arrives
    Ok(())
}
// ANCHOR_END: owner

/// Waits (at most 10 s) until process `pid` has ended but not yet been waited
/// for.
fn wait_until_dead(pid: u32) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next());
        if state == Some('Z') {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    anyhow::bail!("process {pid} did not end")
}
