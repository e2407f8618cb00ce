//! The `shared_memory` crate: Python's `multiprocessing.shared_memory`, one
//! to one, and the four things it leaves to you.
//!
//! Every `Shmem` here stays on the thread that made or opened it: `Shmem`
//! holds the mapping's raw pointer, so it is neither `Send` nor `Sync`, and no
//! part of this lesson needs to move one.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{
    AtomicI64, AtomicU8, AtomicU32, AtomicU64, Ordering, fence,
};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use course_kit::child::{self, ChildGuard};
use rustix::shm;
use shared_memory::{Shmem, ShmemConf};

/// Is this segment in `/dev/shm` right now?
pub fn exists(name: &str) -> bool {
    Path::new("/dev/shm")
        .join(name.trim_start_matches('/'))
        .exists()
}

// ANCHOR: by_name
/// Python's `SharedMemory(create=True, size=8)`: a named segment of 8 bytes.
/// A child opens it by name and adds 100 to the number in it.
pub fn create_and_open_by_name() -> Result<i64> {
    let mut segment = ShmemConf::new().size(8).create()?; // we own it
    let name = segment.get_os_id().to_string(); // "/shmem_" + hex digits
    // Removed when this process ends, even by SIGKILL: what Python's
    // resource tracker does for a SharedMemory, and the crate does not.
    course_kit::shm::track(&name);
    number(&segment).store(1, Ordering::Relaxed);
    let mut command = child::command("crate-open", &[&name])?;
    command.stdout(Stdio::piped());
    let mut opener = ChildGuard::spawn(&mut command)?;
    let out = opener.child_mut().stdout.take().context("no stdout")?;
    child::lines(out)
        .recv_timeout(Duration::from_secs(10))
        .context("the child never opened it")?;
    unlink_now(&mut segment)?; // every process that needs it has it
    child::ended_well(opener.wait()?, "the opener")?;
    // `wait` orders everything: what the child wrote is visible now.
    Ok(number(&segment).load(Ordering::Relaxed))
}
// ANCHOR_END: by_name

// ANCHOR: open_by_name
/// The child's side: Python's `SharedMemory(name=name)`.
pub fn open_by_name(args: &[String]) -> Result<()> {
    let name: String = child::role_arg(args, 0, "segment name")?;
    let segment = ShmemConf::new().os_id(&name).open()?;
    println!("opened");
    number(&segment).fetch_add(100, Ordering::Relaxed);
    Ok(())
}
// ANCHOR_END: open_by_name

// ANCHOR: unlink_now
/// Python's `.unlink()`: removes the name now. Processes that have it open
/// keep their mapping. The drop must then not unlink again: by then the name
/// may belong to a new segment of someone else's.
pub fn unlink_now(segment: &mut Shmem) -> Result<()> {
    shm::unlink(segment.get_os_id()).context("cannot unlink")?;
    segment.set_owner(false);
    Ok(())
}
// ANCHOR_END: unlink_now

/// The types `atomic_at` may hand out: std's integer atomics, for which
/// any bytes are a valid value. Private, so no other type can be added.
trait IntegerAtomic {}
impl IntegerAtomic for AtomicU8 {}
impl IntegerAtomic for AtomicU32 {}
impl IntegerAtomic for AtomicI64 {}
impl IntegerAtomic for AtomicU64 {}

// ANCHOR: number
/// The first 8 bytes of the segment as an `AtomicI64`. Never as `&mut [u8]`
/// (`as_slice_mut`): another process writes these bytes.
pub fn number(segment: &Shmem) -> &AtomicI64 {
    atomic_at::<AtomicI64>(segment, 0)
}

/// The atomic of type `A` that starts `offset` bytes into the segment.
fn atomic_at<A: IntegerAtomic>(segment: &Shmem, offset: usize) -> &A {
    assert!(
        offset + size_of::<A>() <= segment.len(),
        "outside the segment"
    );
    let at = segment.as_ptr().wrapping_add(offset).cast::<A>();
    assert!(at.is_aligned(), "misaligned");
    // SAFETY: `A` is one of std's integer atomics (the `IntegerAtomic`
    // bound), so any bytes are a valid `A`. The bytes lie inside the mapping
    // (asserted), which stays mapped while `segment` lives, and the result
    // borrows `segment`. `at` is aligned for `A` (asserted). What is assumed:
    // every process that maps the segment is this program, and every access
    // to these bytes, from any process and through any mapping, is atomic.
    // Where sizes differ, or two mappings of one segment meet in one process
    // (`wrong_type`), the accesses come one after another on one thread,
    // with a fence between, and never race.
    unsafe { &*at }
}
// ANCHOR_END: number

// ANCHOR: wrong_type
/// The segment is only bytes: no header says what they are or how many. A
/// reader that takes the writer's `i64` for another type gets no error.
pub fn wrong_type() -> Result<(f64, [u32; 2])> {
    let mut segment = ShmemConf::new().size(8).create()?;
    course_kit::shm::track(segment.get_os_id()); // removed at our end
    let reader = ShmemConf::new().os_id(segment.get_os_id()).open()?;
    unlink_now(&mut segment)?;
    number(&segment).store(100, Ordering::Relaxed);
    // The reader's mapping is another address for the same bytes: order the
    // loads after the store for the hardware, not only for this thread.
    fence(Ordering::SeqCst);
    let bits = atomic_at::<AtomicU64>(&reader, 0).load(Ordering::Relaxed);
    let as_f64 = f64::from_bits(bits);
    let low = atomic_at::<AtomicU32>(&reader, 0).load(Ordering::Relaxed);
    let high = atomic_at::<AtomicU32>(&reader, 4).load(Ordering::Relaxed);
    Ok((as_f64, [low, high]))
}
// ANCHOR_END: wrong_type

// ANCHOR: plain_bytes
/// Waits until byte 0 is no longer 0, reading it through `&mut [u8]`. The
/// `&mut` promises that nothing else changes those bytes while it lives, so
/// the compiler may read the byte once and keep the copy. Another process
/// changing them breaks that promise: undefined behaviour.
#[inline(never)]
// Clippy says it too: "variables in the condition are not mutated".
#[allow(clippy::while_immutable_condition)]
fn wait_plain(bytes: &mut [u8], deadline: Instant) -> bool {
    while bytes[0] == 0 {
        if Instant::now() > deadline {
            return false;
        }
    }
    true
}

/// The same wait through an atomic: each `load` reads the memory again.
fn wait_atomic(flag: &AtomicU8, deadline: Instant) -> bool {
    while flag.load(Ordering::Relaxed) == 0 {
        if Instant::now() > deadline {
            return false;
        }
    }
    true
}
// ANCHOR_END: plain_bytes

/// What the child saw: through `&mut [u8]`, whether the flag was already set
/// when that wait ended (else the parent was too late to show anything),
/// then through an atomic.
pub struct Seen {
    pub plain: bool,
    pub set_in_time: bool,
    pub atomic: bool,
}

/// The parent sets a flag that a child waits for, first through `&mut [u8]`,
/// then through an atomic, each for at most `wait`.
pub fn flag_to_a_child(wait: Duration) -> Result<Seen> {
    let mut segment = ShmemConf::new().size(2).create()?;
    let name = segment.get_os_id().to_string();
    course_kit::shm::track(&name);
    let millis = wait.as_millis().to_string();
    let mut command = child::command("crate-flag", &[&name, &millis])?;
    command.stdout(Stdio::piped());
    let mut waiter = ChildGuard::spawn(&mut command)?;
    let out = waiter.child_mut().stdout.take().context("no stdout")?;
    let lines = child::lines(out);
    let first = lines.recv_timeout(Duration::from_secs(10));
    first.context("the child never opened it")?;
    unlink_now(&mut segment)?;
    // Let the child start its wait, then set the flag (byte 0 only).
    std::thread::sleep(wait / 4);
    atomic_at::<AtomicU8>(&segment, 0).store(1, Ordering::Relaxed);
    let line = lines.recv_timeout(Duration::from_secs(20) + wait);
    let line = line.context("the child never said what it saw")?;
    child::ended_well(waiter.wait()?, "the waiting child")?;
    Ok(Seen {
        plain: line.contains("plain true"),
        set_in_time: line.contains("in time true"),
        atomic: line.contains("atomic true"),
    })
}

/// The child's side: wait for byte 0 through `&mut [u8]`, then through an
/// atomic (by then the parent has set it).
pub fn wait_for_flag(args: &[String]) -> Result<()> {
    let name: String = child::role_arg(args, 0, "segment name")?;
    let millis: u64 = child::role_arg(args, 1, "milliseconds to wait")?;
    let wait = Duration::from_millis(millis);
    let mut segment = ShmemConf::new().os_id(&name).open()?;
    println!("opened");
    // SAFETY: none to give, and that is the point: the parent writes these
    // bytes while this `&mut` lives, which Rust's rules forbid. The lesson
    // does it once, on purpose, to show the compiler taking it at its word;
    // the slice is used only for this one wait.
    let bytes = unsafe { segment.as_slice_mut() };
    let plain = wait_plain(bytes, Instant::now() + wait);
    let flag = atomic_at::<AtomicU8>(&segment, 0);
    let in_time = flag.load(Ordering::Relaxed) != 0;
    // As long as it takes (10 s at most): a busy machine may be slow.
    let atomic = wait_atomic(flag, Instant::now() + Duration::from_secs(10));
    println!("plain {plain} in time {in_time} atomic {atomic}");
    Ok(())
}

// ANCHOR: killed_owner
/// A child creates a segment and is killed (SIGKILL). Is the segment still
/// in /dev/shm then, and after this function removed it?
pub fn owner_killed() -> Result<(bool, bool)> {
    // Named after this process, as course-kit names its own. Tracked: should
    // this process be killed too, the segment goes when it goes.
    let name = format!("/course-kit-{}-crate-owner", std::process::id());
    course_kit::shm::track(&name);
    let mut command = child::command("crate-owner", &[&name])?;
    command.stdout(Stdio::piped());
    let mut owner = ChildGuard::spawn(&mut command)?;
    let out = owner.child_mut().stdout.take().context("no stdout")?;
    child::lines(out)
        .recv_timeout(Duration::from_secs(10))
        .context("the owner never made its segment")?;
    let status = owner.kill()?; // SIGKILL: no drop runs in the owner
    anyhow::ensure!(status.signal() == Some(9), "the owner: {status}");
    let after_kill = exists(&name);
    let _ = shm::unlink(name.as_str()); // what the owner never did
    Ok((after_kill, exists(&name)))
}
// ANCHOR_END: killed_owner

// ANCHOR: own_and_wait
/// The child's side: create the segment under `name`, own it, and wait.
pub fn own_and_wait(args: &[String]) -> Result<()> {
    let name: String = child::role_arg(args, 0, "segment name")?;
    let _segment = ShmemConf::new().os_id(&name).size(8).create()?;
    println!("created");
    std::thread::sleep(Duration::from_secs(60)); // killed long before
    Ok(())
}
// ANCHOR_END: own_and_wait
