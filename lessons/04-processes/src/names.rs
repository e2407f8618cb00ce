//! Naming a child so that `ps` and `top` show the name: Python's
//! `Process(name="worker-1")` names the process for Python only.

use std::ffi::CString;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::Stdio;

use anyhow::{Context, Result, ensure};
use course_kit::child::{self, ChildGuard};

// ANCHOR: names
/// Starts a child whose names are `name`: `arg0` sets its first argument,
/// which `ps -f` shows; the child sets its own short name, which `ps` and
/// `top` show.
pub fn start_named(name: &str) -> Result<ChildGuard> {
    let mut command = child::command("named", &[name])?;
    command.arg0(format!("lesson-04 {name}"));
    command.stdin(Stdio::piped()).stdout(Stdio::piped());
    ChildGuard::spawn(&mut command)
}

/// The child's side: names itself (at most 15 bytes), then waits until its
/// parent closes its stdin.
pub fn named(args: &[String]) -> Result<()> {
    child::die_with_parent()?;
    let name: String = child::role_arg(args, 0, "the child's name")?;
    rustix::thread::set_name(&CString::new(name)?)?; // Linux's PR_SET_NAME
    println!("ready");
    std::io::stdin().read_to_end(&mut Vec::new())?;
    Ok(())
}
// ANCHOR_END: names

// ANCHOR: read_names
/// What the process list holds for `pid`: its short name (`/proc/PID/comm`)
/// and its arguments (`/proc/PID/cmdline`, separated by NUL bytes).
pub fn names_of(pid: u32) -> Result<(String, String)> {
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm"))?;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline"))?;
    let args = String::from_utf8_lossy(&cmdline).replace('\0', " ");
    Ok((comm.trim_end().to_string(), args.trim_end().to_string()))
}
// ANCHOR_END: read_names

/// Starts one named child per name, reads each one's names from `/proc` once it
/// is ready, then lets them all exit. Returns (pid, comm, cmdline) per child.
pub fn start_named_children(
    names: &[&str],
) -> Result<Vec<(u32, String, String)>> {
    let mut children = Vec::new();
    for name in names {
        let mut child = start_named(name)?;
        let stdout = child.child_mut().stdout.take().context("no stdout")?;
        let mut ready = String::new();
        BufReader::new(stdout).read_line(&mut ready)?;
        ensure!(ready.trim() == "ready", "child {name} did not start");
        children.push(child);
    }
    let mut seen = Vec::new();
    for child in &children {
        let (comm, args) = names_of(child.id())?;
        seen.push((child.id(), comm, args));
    }
    for mut child in children {
        drop(child.child_mut().stdin.take()); // end of input: the child exits
        child::ended_well(child.wait()?, "a named child")?;
    }
    Ok(seen)
}
