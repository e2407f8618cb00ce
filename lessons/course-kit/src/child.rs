//! Starting this same program again as a child process: Rust's answer to
//! Python's `multiprocessing.Process(target=f)`.
//!
//! Rust cannot start "a function" in a new process. It starts a *program*. So a
//! lesson starts its own executable again (`std::env::current_exe()`) with a
//! hidden argument that names the role the child should play;
//! [`crate::Lesson::role`] registers the roles. The parent also sets
//! [`PARENT_ENV`], so a role typed by hand is refused with a clear message
//! instead of doing something half-way.
//!
//! Every child is held by a [`ChildGuard`], which kills and reaps it if the
//! parent drops it early (an error, a panic): no orphans, no zombies. A child
//! that must not outlive even a parent killed by SIGKILL (when no destructor
//! runs) calls [`die_with_parent`]. A role reads its arguments with
//! [`role_arg`], which says clearly what is missing.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::str::FromStr;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The hidden first argument that tells a lesson binary to play a child role.
pub const ROLE_ARG: &str = "--child-role";
/// Set by the parent for its children; holds the parent's pid.
pub const PARENT_ENV: &str = "COURSE_KIT_PARENT_PID";

// ANCHOR: command
/// A `Command` that starts this program again in the role `role`, with `args`
/// after it.
pub fn command(role: &str, args: &[&str]) -> Result<Command> {
    let exe = std::env::current_exe()
        .context("cannot find this program's own executable")?;
    let mut command = Command::new(exe);
    command
        .arg(ROLE_ARG)
        .arg(role)
        .args(args)
        .env(PARENT_ENV, std::process::id().to_string());
    Ok(command)
}
// ANCHOR_END: command

/// A running child process that is killed and reaped when the guard is dropped,
/// unless it was waited for first.
#[derive(Debug)]
pub struct ChildGuard {
    child: Option<Child>,
}

impl ChildGuard {
    /// Starts `command` and guards the child.
    pub fn spawn(command: &mut Command) -> Result<Self> {
        let child = command.spawn().with_context(|| {
            format!("cannot start {:?}", command.get_program())
        })?;
        Ok(Self { child: Some(child) })
    }

    /// The child's process id.
    pub fn id(&self) -> u32 {
        self.child().id()
    }

    /// The child itself, e.g. to take its stdin or stdout.
    pub fn child_mut(&mut self) -> &mut Child {
        self.child
            .as_mut()
            .expect("the child is present until waited for")
    }

    fn child(&self) -> &Child {
        self.child
            .as_ref()
            .expect("the child is present until waited for")
    }

    /// Waits up to `deadline` for the child to exit. `Ok(None)` means it is
    /// still running.
    pub fn wait_timeout(
        &mut self,
        deadline: Duration,
    ) -> Result<Option<ExitStatus>> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child_mut().try_wait()? {
                return Ok(Some(status));
            }
            if start.elapsed() >= deadline {
                return Ok(None);
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the child to exit and gives back its status; the guard is
    /// spent.
    pub fn wait(mut self) -> Result<ExitStatus> {
        let mut child = self
            .child
            .take()
            .expect("the child is present until waited for");
        Ok(child.wait()?)
    }

    /// Kills the child and reaps it, giving back the status that shows how it
    /// ended.
    pub fn kill(mut self) -> Result<ExitStatus> {
        let mut child = self
            .child
            .take()
            .expect("the child is present until waited for");
        // The child may have exited by itself a moment ago; that is not an
        // error.
        let _ = child.kill();
        Ok(child.wait()?)
    }
}

// ANCHOR: stop
impl ChildGuard {
    /// Asks the child to stop with SIGTERM, unless it has already exited (then
    /// nothing is sent: its pid may not be ours any more once it has been
    /// reaped).
    pub fn terminate(&mut self) -> Result<()> {
        if self.child_mut().try_wait()?.is_some() {
            return Ok(());
        }
        let pid = rustix::process::Pid::from_raw(self.id() as i32)
            .context("a child has a pid")?;
        rustix::process::kill_process(pid, rustix::process::Signal::TERM)
            .context("cannot send SIGTERM")?;
        Ok(())
    }

    /// Stops the child politely: SIGTERM, then up to `grace` for it to clean up
    /// and exit, then SIGKILL. Gives back the status, which shows how it ended
    /// (`ExitStatusExt::signal` is `Some(9)` if it had to be killed).
    pub fn stop(mut self, grace: Duration) -> Result<ExitStatus> {
        self.terminate()?;
        match self.wait_timeout(grace)? {
            Some(status) => Ok(status),
            None => self.kill(),
        }
    }
}
// ANCHOR_END: stop

/// The lines a child writes to `pipe` (its stdout, say), as they come: a thread
/// reads them and sends them on, so the parent can wait for one with a deadline
/// (`recv_timeout`). The receiver reports disconnected when the child closes
/// the pipe (or exits).
pub fn lines(pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break; // nobody is listening any more
            }
        }
    });
    receive
}

/// Argument `index` of a child role, parsed, with a clear error if it is
/// missing or wrong (`what` names it, e.g. "milliseconds to sleep").
pub fn role_arg<T: FromStr>(
    args: &[String],
    index: usize,
    what: &str,
) -> Result<T> {
    let Some(text) = args.get(index) else {
        bail!("this child role needs argument {} ({what})", index + 1);
    };
    text.parse().map_err(|_| {
        anyhow::anyhow!("argument {} ({what}) cannot be '{text}'", index + 1)
    })
}

/// The pid of the parent that started this process with [`command`], if it did.
pub fn started_by() -> Option<u32> {
    std::env::var(PARENT_ENV).ok()?.parse().ok()
}

/// Tells the kernel not to write a core file if this process crashes. For a
/// child that crashes on purpose (to show that its parent survives), so that
/// the demo leaves no `core` file behind on machines where core dumps are
/// switched on.
pub fn without_core_dumps() -> Result<()> {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let none = Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    setrlimit(Resource::Core, none).context("cannot switch core dumps off")
}

/// Asks the kernel to send this process SIGKILL when its parent dies, however
/// the parent dies (even by SIGKILL, when no `ChildGuard` can run). Call it
/// first thing in a role. Linux ties this to the parent *thread* that started
/// the child: start such children from a thread that lives as long as they
/// should (the main thread, say).
pub fn die_with_parent() -> Result<()> {
    // prctl(PR_SET_PDEATHSIG) exists on Linux only; elsewhere the guard on the
    // parent's side is all there is.
    #[cfg(target_os = "linux")]
    rustix::process::set_parent_process_death_signal(Some(
        rustix::process::Signal::KILL,
    ))
    .context("cannot ask for a parent-death signal")?;
    // The parent may have died before the request was made: then nobody will
    // send it. End now, as the signal would have ended this process.
    let parent = std::os::unix::process::parent_id();
    if started_by().is_some_and(|expected| expected != parent) {
        end_as_by(signal_hook::consts::SIGKILL);
    }
    Ok(())
}

/// Checks how a child ended: `Ok` if it succeeded, an error naming `who` if it
/// failed. A child ended by Ctrl-C (SIGINT), SIGTERM or SIGHUP, or by SIGPIPE
/// because the reader of the output it shares with us went away, is no failure
/// of its own: the same thing is ending this process, so this process ends the
/// same way, quietly, instead of reporting it.
pub fn ended_well(status: ExitStatus, who: &str) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGPIPE, SIGTERM};
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        _ if status.success() => Ok(()),
        Some(signal @ (SIGINT | SIGTERM | SIGHUP | SIGPIPE)) => {
            end_as_by(signal)
        }
        _ => bail!("{who} failed: {status}"),
    }
}

/// Ends this process as `signal` would, after the clean-up its handlers do (the
/// shared memory module removes the segments this process owns).
pub fn end_as_by(signal: i32) -> ! {
    use signal_hook::consts::SIGPIPE;
    if signal == SIGPIPE {
        // Rust ignores SIGPIPE, and no handler sees it: clean up here.
        #[cfg(target_os = "linux")]
        crate::shm::end_by(signal);
    }
    // Raised at ourselves, the signal goes through any handler (shared memory's
    // clean-up thread), which then ends the process; without one, its default
    // action does. Either way this thread need not go on.
    let me = rustix::process::getpid();
    if let Some(signal) = rustix::process::Signal::from_named_raw(signal) {
        let _ = rustix::process::kill_process(me, signal);
    }
    thread::sleep(Duration::from_secs(5));
    std::process::exit(128 + signal)
}

/// Makes the program `command` starts die with this thread: the kernel sends
/// it SIGKILL when the thread that started it ends, however it ends (even by
/// SIGKILL, when no destructor runs). For programs that are not roles of this
/// lesson (a role calls [`die_with_parent`] itself). Linux only; elsewhere it
/// changes nothing.
pub fn dies_with_parent(command: &mut Command) -> &mut Command {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let parent = rustix::process::getpid();
        // SAFETY: `pre_exec` runs the closure in the child between fork and
        // exec, where only async-signal-safe work is allowed. It makes two
        // system calls through rustix (prctl, then getppid), which allocate
        // nothing and take no lock, and builds an `io::Error` from a raw code,
        // which allocates nothing.
        unsafe {
            command.pre_exec(move || {
                let kill = Some(rustix::process::Signal::KILL);
                rustix::process::set_parent_process_death_signal(kill)?;
                // The parent may have ended before the request: then nobody
                // sends it.
                if rustix::process::getppid() != Some(parent) {
                    return Err(
                        std::io::Error::from_raw_os_error(libc_esrch()),
                    );
                }
                Ok(())
            });
        }
    }
    command
}

/// ESRCH ("no such process"), the error a child started after its parent ended
/// gets.
fn libc_esrch() -> i32 {
    rustix::io::Errno::SRCH.raw_os_error()
}

// ANCHOR: guard_drop
impl Drop for ChildGuard {
    fn drop(&mut self) {
        // Not waited for yet: the parent is leaving early (an error, a panic).
        // Kill the child, then wait for it so that it does not stay behind as a
        // zombie.
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
// ANCHOR_END: guard_drop

/// Ends this process with exit code 3 and a one-line message on stderr once
/// `limit` has passed, whatever it is doing then. A child role calls it first:
/// its pipes close when it ends, so a parent reading them always gets an end.
pub fn exit_after(limit: Duration) {
    thread::spawn(move || {
        thread::sleep(limit);
        eprintln!(
            "error: this child process was still running after {limit:?}; giving up"
        );
        std::process::exit(3);
    });
}

/// Runs `command` to the end with its output captured, and kills it if it takes
/// longer than `deadline` (an error then: a child must never hang a lesson or a
/// test).
pub fn output_with_deadline(
    command: &mut Command,
    deadline: Duration,
) -> Result<Output> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut guard = ChildGuard::spawn(command)?;
    // Read both pipes on their own threads: a child that fills one pipe while
    // we wait on the other would otherwise block forever.
    let stdout = drain(guard.child_mut().stdout.take());
    let stderr = drain(guard.child_mut().stderr.take());
    let Some(status) = guard.wait_timeout(deadline)? else {
        let pid = guard.id();
        kill_group_it_leads(pid);
        guard.kill()?;
        bail!("child {pid} did not finish within {deadline:?} and was killed");
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// A child started in a process group of its own
/// (`CommandExt::process_group(0)`) may have started children too, such as
/// cargo running a test binary. Killing only the child would leave those
/// running, so end the whole group.
fn kill_group_it_leads(pid: u32) {
    let Some(child) = rustix::process::Pid::from_raw(pid as i32) else {
        return;
    };
    if rustix::process::getpgid(Some(child)).ok() == Some(child) {
        kill_group(pid);
    }
}

/// Sends SIGKILL to every process in the process group `leader` started with
/// `CommandExt::process_group(0)`: the programs it started, and their
/// programs, end with it. The group lives on while any of them does, even
/// after the leader has exited and been reaped. Does nothing when no such
/// group is left.
pub fn kill_group(leader: u32) {
    use rustix::process::{Pid, Signal, kill_process_group};
    if let Some(group) = Pid::from_raw(leader as i32) {
        let _ = kill_process_group(group, Signal::KILL);
    }
}

fn drain(
    pipe: Option<impl Read + Send + 'static>,
) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Starts this program as a child in `role`, waits (at most `deadline`) and
/// returns what it printed.
pub fn run_role(
    role: &str,
    args: &[&str],
    deadline: Duration,
) -> Result<Output> {
    output_with_deadline(&mut command(role, args)?, deadline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_child_is_killed_at_the_deadline() {
        let started = Instant::now();
        let error = output_with_deadline(
            Command::new("sleep").arg("5"),
            Duration::from_millis(100),
        )
        .unwrap_err();
        assert!(error.to_string().contains("was killed"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn a_timed_out_group_leader_takes_its_children_with_it() {
        use std::os::unix::process::CommandExt;
        let note = std::env::temp_dir()
            .join(format!("course-kit-group-{}", std::process::id()));
        let script = format!("sleep 30 & echo $! > {}; wait", note.display());
        let error = output_with_deadline(
            Command::new("sh").args(["-c", &script]).process_group(0),
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(error.to_string().contains("was killed"), "{error}");
        let grandchild = std::fs::read_to_string(&note).unwrap();
        let _ = std::fs::remove_file(&note);
        let stat = format!("/proc/{}/stat", grandchild.trim());
        // Killed means gone, or a zombie waiting for its new parent to reap it.
        let gone = (0..100).any(|_| {
            thread::sleep(Duration::from_millis(10));
            std::fs::read_to_string(&stat).map_or(true, |s| {
                s.rsplit(") ")
                    .next()
                    .is_some_and(|rest| rest.starts_with('Z'))
            })
        });
        assert!(
            gone,
            "the grandchild {} is still running",
            grandchild.trim()
        );
    }

    #[test]
    fn output_is_captured() {
        let output = output_with_deadline(
            Command::new("echo").arg("hello"),
            Duration::from_secs(10),
        )
        .unwrap();
        assert!(output.status.success());
        assert_eq!(output.stdout, b"hello\n");
    }

    #[test]
    fn stop_kills_a_child_that_ignores_sigterm() {
        use std::os::unix::process::ExitStatusExt;
        let polite = ChildGuard::spawn(Command::new("sleep").arg("5")).unwrap();
        let status = polite.stop(Duration::from_secs(5)).unwrap();
        assert_eq!(status.signal(), Some(15), "sleep ends on SIGTERM");
        let mut command = Command::new("sh");
        command.args(["-c", "trap '' TERM; echo ready; exec sleep 5"]);
        command.stdout(Stdio::piped());
        let mut stubborn = ChildGuard::spawn(&mut command).unwrap();
        // `exec` keeps the ignored SIGTERM and the pid, so SIGKILL ends the
        // sleep itself (no orphaned `sleep` left running). Wait until the trap
        // is set first.
        let mut ready = [0u8; 6];
        stubborn
            .child_mut()
            .stdout
            .take()
            .unwrap()
            .read_exact(&mut ready)
            .unwrap();
        let started = Instant::now();
        let status = stubborn.stop(Duration::from_millis(200)).unwrap();
        assert_eq!(status.signal(), Some(9), "it had to be killed");
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn role_arguments_get_clear_errors() {
        let args = vec!["250".to_string(), "soon".to_string()];
        assert_eq!(role_arg::<u64>(&args, 0, "ms").unwrap(), 250);
        let wrong = role_arg::<u64>(&args, 1, "ms").unwrap_err().to_string();
        assert!(
            wrong.contains("argument 2 (ms) cannot be 'soon'"),
            "{wrong}"
        );
        let missing = role_arg::<u64>(&args, 2, "ms").unwrap_err().to_string();
        assert!(missing.contains("needs argument 3"), "{missing}");
    }

    #[test]
    fn a_program_dies_with_the_thread_that_started_it() {
        use std::os::unix::process::ExitStatusExt;
        let mut command = Command::new("sleep");
        command.arg("30");
        dies_with_parent(&mut command);
        // Started from a thread that ends at once: the kernel kills the sleep
        // then.
        let child = thread::spawn(move || command.spawn().unwrap())
            .join()
            .unwrap();
        let mut guard = ChildGuard { child: Some(child) };
        let status = guard
            .wait_timeout(Duration::from_secs(20))
            .unwrap()
            .expect("the sleep outlived the thread that started it");
        assert_eq!(status.signal(), Some(9), "{status}");
    }

    #[test]
    fn a_failed_child_is_an_error_that_names_it() {
        let status =
            Command::new("sh").args(["-c", "exit 3"]).status().unwrap();
        let error = ended_well(status, "the worker").unwrap_err().to_string();
        assert!(error.contains("the worker failed"), "{error}");
        let fine = Command::new("true").status().unwrap();
        assert!(ended_well(fine, "true").is_ok());
    }

    #[test]
    fn dropping_the_guard_reaps_the_child() {
        let guard = ChildGuard::spawn(Command::new("sleep").arg("5")).unwrap();
        let pid = guard.id();
        drop(guard);
        // A reaped child has no /proc entry left (not even a zombie's).
        assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
    }
}
