//! Starting this same program again as a child process: Rust's answer to
//! Python's `multiprocessing.Process(target=f)`.
//!
//! Rust cannot start "a function" in a new process. It starts a *program*. So a lesson
//! starts its own executable again (`std::env::current_exe()`) with a hidden argument
//! that names the role the child should play; [`crate::Lesson::role`] registers the roles.
//! The parent also sets [`PARENT_ENV`], so a role typed by hand is refused with a clear
//! message instead of doing something half-way.
//!
//! Every child is held by a [`ChildGuard`], which kills and reaps it if the parent
//! drops it early (an error, a panic): no orphans, no zombies.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The hidden first argument that tells a lesson binary to play a child role.
pub const ROLE_ARG: &str = "--child-role";
/// Set by the parent for its children; holds the parent's pid.
pub const PARENT_ENV: &str = "COURSE_KIT_PARENT_PID";

/// A `Command` that starts this program again in the role `role`, with `args` after it.
pub fn command(role: &str, args: &[&str]) -> Result<Command> {
    let exe = std::env::current_exe().context("cannot find this program's own executable")?;
    let mut command = Command::new(exe);
    command
        .arg(ROLE_ARG)
        .arg(role)
        .args(args)
        .env(PARENT_ENV, std::process::id().to_string());
    Ok(command)
}

/// A running child process that is killed and reaped when the guard is dropped,
/// unless it was waited for first.
#[derive(Debug)]
pub struct ChildGuard {
    child: Option<Child>,
}

impl ChildGuard {
    /// Starts `command` and guards the child.
    pub fn spawn(command: &mut Command) -> Result<Self> {
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {:?}", command.get_program()))?;
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

    /// Waits up to `deadline` for the child to exit. `Ok(None)` means it is still running.
    pub fn wait_timeout(&mut self, deadline: Duration) -> Result<Option<ExitStatus>> {
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

    /// Waits for the child to exit and gives back its status; the guard is spent.
    pub fn wait(mut self) -> Result<ExitStatus> {
        let mut child = self
            .child
            .take()
            .expect("the child is present until waited for");
        Ok(child.wait()?)
    }

    /// Kills the child and reaps it, giving back the status that shows how it ended.
    pub fn kill(mut self) -> Result<ExitStatus> {
        let mut child = self
            .child
            .take()
            .expect("the child is present until waited for");
        // The child may have exited by itself a moment ago; that is not an error.
        let _ = child.kill();
        Ok(child.wait()?)
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs `command` to the end with its output captured, and kills it if it takes
/// longer than `deadline` (an error then: a child must never hang a lesson or a test).
pub fn output_with_deadline(command: &mut Command, deadline: Duration) -> Result<Output> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut guard = ChildGuard::spawn(command)?;
    // Read both pipes on their own threads: a child that fills one pipe while we
    // wait on the other would otherwise block forever.
    let stdout = drain(guard.child_mut().stdout.take());
    let stderr = drain(guard.child_mut().stderr.take());
    let Some(status) = guard.wait_timeout(deadline)? else {
        let pid = guard.id();
        guard.kill()?;
        bail!("child {pid} did not finish within {deadline:?} and was killed");
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Starts this program as a child in `role`, waits (at most `deadline`) and returns what it printed.
pub fn run_role(role: &str, args: &[&str], deadline: Duration) -> Result<Output> {
    output_with_deadline(&mut command(role, args)?, deadline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_child_is_killed_at_the_deadline() {
        let started = Instant::now();
        let error =
            output_with_deadline(Command::new("sleep").arg("5"), Duration::from_millis(100))
                .unwrap_err();
        assert!(error.to_string().contains("was killed"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn output_is_captured() {
        let output =
            output_with_deadline(Command::new("echo").arg("hello"), Duration::from_secs(10))
                .unwrap();
        assert!(output.status.success());
        assert_eq!(output.stdout, b"hello\n");
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
