//! Shared memory between processes: Python's `multiprocessing.Value` and
//! `Array`, made safe.
//!
//! A [`SharedValue<T>`] is one `T` and a [`SharedArray<T>`] is `len` of them,
//! placed in memory that several processes map at the same time. `T` is an
//! atomic ([`AtomicI64`], [`AtomicU32`], [`AtomicF64`], ...), an array of
//! atomics, or your own `#[repr(C)]` struct of atomics, not a tuple (see
//! [`Shareable`]).
//! Every process reads and changes the values only through the atomics' methods
//! (`load`, `store`, `fetch_add`, `compare_exchange`), so a change made by one
//! process is seen by the others and no access is a data race.
//!
//! # Two kinds of segment
//!
//! - **Named** ([`SharedValue::create`]): a POSIX shared memory object
//!   (`shm_open`), visible as a file in `/dev/shm` under a name unique to the
//!   run (`course-kit-<pid>-<n>-<stamp>`). Any process that knows the name can
//!   [`open`](SharedValue::open) it. The creating process is the *owner*: it
//!   removes the name when its value is dropped, also when a panic unwinds, and
//!   when the process gets Ctrl-C (SIGINT), SIGTERM or SIGHUP (a background
//!   thread watches for those, removes every name the process owns, then ends
//!   the process by that signal, as the signal's default action would). What it
//!   cannot survive: SIGKILL, `std::process::exit` or an abort leave the file
//!   in `/dev/shm` until someone removes it. In the program the user started,
//!   a small tracker process does, moments later, as Python's resource
//!   tracker does (see [`track`]). For a segment a child role owns, nobody
//!   does: [`remove_stale`] removes segments whose owner is gone, and every
//!   `create` calls it first. Because
//!   of that watcher, SIGINT, SIGTERM and SIGHUP always end an owner (after the
//!   clean-up). A handler the program installed before the watcher still runs
//!   (signal-hook calls it first), but the process ends all the same: a
//!   process that wants to catch SIGTERM and carry on should not own a named
//!   segment (let its parent create it, or use an anonymous one). The reverse
//!   is the quiet trap: a handler installed *after* the watcher with a raw
//!   `sigaction` (libc's `sigaction` or `signal`, or a crate that calls them)
//!   replaces signal-hook's, and from then on nothing removes the segments on
//!   those signals. Install handlers through `signal-hook`, which chains them.
//!   Better still, [`unlink`](SharedArray::unlink) a name as soon as every
//!   process that needs it has opened it: then no signal can leave it behind.
//! - **Anonymous** ([`SharedValue::anonymous`]): a `memfd`, memory with no name
//!   at all. A child gets it by inheriting the file descriptor
//!   ([`SharedValue::pass_to`]). It cannot leak: the kernel frees it when the
//!   last process holding it ends, however it ends. Only processes this one
//!   starts can reach it; prefer it whenever that is enough. It is sealed at
//!   its size, so no process can shrink it under another's mapping.
//!
//! # Parent and child
//!
//! The parent creates the value and hands its *handle* to a child started with
//! [`crate::child::command`]; the child opens it:
//!
//! ```no_run
//! use std::sync::atomic::{AtomicI64, Ordering};
//! use course_kit::child::{self, ChildGuard};
//! use course_kit::shm::SharedValue;
//!
//! # fn main() -> anyhow::Result<()> {
//! // In the parent:
//! let balance = SharedValue::<AtomicI64>::create()?; // or ::anonymous()
//! let mut command = child::command("deposit", &[])?;
//! // Adds the handle as the child's last argument.
//! balance.pass_to(&mut command);
//! ChildGuard::spawn(&mut command)?.wait()?;
//! println!("balance: {}", balance.load(Ordering::SeqCst));
//!
//! // In the child's role function, given `args`:
//! # let args = vec![String::new()];
//! let balance = SharedValue::<AtomicI64>::open(&args[0])?;
//! balance.fetch_add(100, Ordering::SeqCst);
//! # Ok(())
//! # }
//! ```
//!
//! Several atomics in one segment: a `#[repr(C)]` struct with an `unsafe impl`
//! of [`Shareable`] (a balance and a lock word, say), or an array `[AtomicI64;
//! 4]`. Not a tuple: Rust does not fix a tuple's layout, so two builds could
//! disagree on it. A handle opened as the wrong type is refused with an error,
//! and so is an array opened as a [`SharedValue`] (one value).
//!
//! # Beside the `shared_memory` crate
//!
//! `shared_memory` does the named case the way Python's `SharedMemory` does:
//! bytes under a random name. Lesson 05's `crate` part uses it and shows what
//! this module adds: atomics instead of bytes, a header that refuses a wrong
//! type, names that carry the owner's pid (so [`remove_stale`] can tell a
//! dead owner's segment), and anonymous segments that cannot leak.
//!
//! # Where the `unsafe` is
//!
//! Two `unsafe` blocks, both in this file: `Mapping::slice` turns the mapped
//! bytes into `&[T]`, and [`SharedArray::pass_to`] clears one flag in a forked
//! child. Each says why it is sound. The `unsafe impl`s of [`Shareable`] say
//! why each type may live in shared memory.

use std::fs::File;
use std::marker::PhantomData;
use std::ops::Deref;
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::atomic::{
    AtomicI8, AtomicI16, AtomicI32, AtomicI64, AtomicIsize, AtomicU8,
    AtomicU16, AtomicU32, AtomicU64, AtomicUsize, Ordering,
};
use std::sync::{Mutex, Once, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use memmap2::{MmapOptions, MmapRaw};
use rustix::fs::{MemfdFlags, Mode, SealFlags};
use rustix::io::FdFlags;
use rustix::shm;

// ANCHOR: shareable
/// Types that may live in shared memory and be changed there by several
/// processes at once.
///
/// # Safety
///
/// Implement it only for a type that:
/// - is valid for **every** bit pattern of its size (shared memory starts as
///   zeros, and any process that maps it could write anything): integer atomics
///   are, `AtomicBool` is not;
/// - keeps every byte of its value inside an atomic (so inside an
///   `UnsafeCell`), changed only through `&self`: no plain fields, no `Cell`.
///   The only bytes allowed outside an atomic are padding, which holds no value
///   and is never read (say so in your `SAFETY` comment if your type has any);
/// - holds no pointers or references (they would mean nothing in another
///   process), and needs no `Drop` (none is ever run on shared memory);
/// - has the same layout in every process that maps it: `#[repr(C)]` for a
///   struct (tuples and plain structs have no fixed layout, so they cannot be
///   `Shareable`).
///
/// ```
/// use std::sync::atomic::{AtomicI64, AtomicU32};
/// use course_kit::shm::Shareable;
///
/// #[repr(C)]
/// pub struct Bank {
///     pub balance: AtomicI64,
///     pub lock: AtomicU32,
/// }
/// // SAFETY: `#[repr(C)]`, and both fields are integer atomics (valid for
/// // any bits, no pointers). The 4 bytes of padding after `lock` hold no
/// // value and are never read.
/// unsafe impl Shareable for Bank {}
/// ```
pub unsafe trait Shareable: Sync + Sized {}
// ANCHOR_END: shareable

macro_rules! shareable {
    ($($atomic:ty),*) => {
        // SAFETY: integer atomics are valid for every bit pattern, change only
        // through atomic operations on `&self`, hold no pointers and need no
        // drop; std documents that each has the size and bit validity of its
        // integer, and an alignment equal to its size, the same in every
        // process.
        $(unsafe impl Shareable for $atomic {})*
    };
}
shareable!(
    AtomicI8,
    AtomicI16,
    AtomicI32,
    AtomicI64,
    AtomicIsize,
    AtomicU8,
    AtomicU16,
    AtomicU32,
    AtomicU64,
    AtomicUsize
);
// SAFETY: `AtomicF64` is `#[repr(transparent)]` over one `AtomicU64`, so it
// has that atomic's layout, and it is changed only through that atomic's
// operations on `&self`. Every 64-bit pattern is some `f64` (NaNs included), so
// it is valid for every bit pattern.
unsafe impl Shareable for AtomicF64 {}
// SAFETY: each element is shareable, and an array adds no padding between its
// elements, so its bytes are exactly its elements' bytes, in the same order in
// every process.
unsafe impl<T: Shareable, const N: usize> Shareable for [T; N] {}
// Tuples are not `Shareable`: Rust gives them no fixed layout, so two builds
// (or two compiler versions) may order their fields differently. Use a
// `#[repr(C)]` struct.

/// An `f64` that can be shared and changed atomically, like Python's
/// `Value('d')`. It keeps the float's bits in an [`AtomicU64`].
#[derive(Debug, Default)]
#[repr(transparent)]
pub struct AtomicF64(AtomicU64);

impl AtomicF64 {
    pub const fn new(value: f64) -> Self {
        Self(AtomicU64::new(value.to_bits()))
    }

    pub fn load(&self, order: Ordering) -> f64 {
        f64::from_bits(self.0.load(order))
    }

    pub fn store(&self, value: f64, order: Ordering) {
        self.0.store(value.to_bits(), order);
    }

    /// Adds `delta` in one atomic step (a compare-and-swap loop); returns the
    /// old value.
    pub fn fetch_add(&self, delta: f64, order: Ordering) -> f64 {
        let old = self
            .0
            .fetch_update(order, Ordering::Relaxed, |bits| {
                Some((f64::from_bits(bits) + delta).to_bits())
            })
            .expect("the closure always returns Some");
        f64::from_bits(old)
    }
}

/// The start of every segment: says what it holds, so a wrong `open` is
/// refused.
const MAGIC: u64 = u64::from_be_bytes(*b"crskshm1");
/// The values start here: a cache line after the start of the (page-aligned)
/// mapping.
const DATA: usize = 64;
/// The prefix of every named segment, in `/dev/shm`.
pub const PREFIX: &str = "course-kit-";

/// One mapping of a segment, with the file that backs it.
#[derive(Debug)]
struct Mapping {
    map: MmapRaw,
    /// Keeps the memfd open, so that [`SharedArray::pass_to`] can hand it on.
    file: File,
}

impl Mapping {
    fn new(file: File) -> Result<Self> {
        let map = MmapOptions::new()
            .map_raw(&file)
            .context("cannot map the shared memory")?;
        Ok(Self { map, file })
    }

    /// The header words: magic, fingerprint, number of values, and how many
    /// times the segment was opened.
    fn header(&self) -> &[AtomicU64] {
        self.slice(0, 4)
    }

    // ANCHOR: slice
    /// `count` values of type `U` starting `offset` bytes into the mapping.
    fn slice<U: Shareable>(&self, offset: usize, count: usize) -> &[U] {
        let end = count
            .checked_mul(size_of::<U>())
            .and_then(|bytes| bytes.checked_add(offset));
        assert!(
            end.is_some_and(|end| end <= self.map.len()),
            "outside the mapping"
        );
        let start = self.map.as_ptr().wrapping_add(offset);
        assert!(start.cast::<U>().is_aligned(), "misaligned shared value");
        // SAFETY:
        // - the range [start, start + count * size_of::<U>()) lies inside the
        //   mapping (asserted above), which stays mapped as long as `self`, and
        //   the result borrows `self`;
        // - `start` is aligned for `U` (asserted above: page-aligned base,
        //   offset 0 or DATA);
        // - any bytes are a valid `U` (a `Shareable` promise), so whatever
        //   another process wrote there, reading it as `U` is defined;
        // - other processes change these bytes while we hold `&[U]`, and Rust's
        //   memory model knows nothing of other processes. What is assumed:
        //   every process that maps the segment is a program like this one,
        //   which touches these bytes only through atomic operations of the
        //   same size at the same addresses (all it can do through this module:
        //   every byte of a `U` is inside an atomic, reached by `&self` only,
        //   and nothing here makes a `&mut`). To this process they then act
        //   like other threads sharing `&AtomicU64`, which is defined. A
        //   process that writes with plain stores (a C program, `dd` in one
        //   test below) races with our atomic reads: undefined behaviour under
        //   Rust's rules. On Linux's processors an aligned atomic load still
        //   reads some bytes that were written, and every bit pattern is a
        //   valid `U` (a `Shareable` promise), but that is an assumption about
        //   the hardware, not a guarantee of the language;
        // - the mapping could be made shorter under us: a page wholly past the
        //   new end raises SIGBUS, and the cut-off part of the last page reads
        //   as zeros (a wrong value, but a valid `U`). Anonymous segments are
        //   sealed against shrinking; a named one can be truncated by any
        //   process with write access to its file in /dev/shm.
        unsafe { std::slice::from_raw_parts(start.cast::<U>(), count) }
    }
    // ANCHOR_END: slice
}

/// Identifies `T` (its name and size; not the number of values), so an `open`
/// with another type is refused.
fn fingerprint<T>() -> u64 {
    // FNV-1a over the type's name and size: the same program gives the same
    // number.
    let name = std::any::type_name::<T>();
    let size = size_of::<T>().to_le_bytes();
    name.bytes()
        .chain(size)
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// The names this process owns, removed on drop or when a terminating signal
/// arrives.
static OWNED: Mutex<Vec<String>> = Mutex::new(Vec::new());
static WATCHER: Once = Once::new();

/// Runs `make` (which creates the segment `name`) holding the list of owned
/// names, with `name` on it. The watcher takes the same lock before it
/// removes them, so a signal that arrives meanwhile waits until the segment
/// exists, and then removes it too.
fn remember<R>(name: &str, make: impl FnOnce() -> R) -> R {
    WATCHER.call_once(watch_signals);
    let mut owned = OWNED.lock().unwrap_or_else(PoisonError::into_inner);
    owned.push(name.to_string());
    // Only the program the user started tracks its own: lesson 05 shows what
    // SIGKILL leaves of a segment owned by a child, where no tracker runs.
    if crate::child::started_by().is_none() {
        track(name);
    }
    make()
}

/// The tracker removes `/dev/shm/NAME`: a name that would reach outside
/// `/dev/shm`, or is no name at all, is not one it may remove.
fn trackable(name: &str) -> bool {
    let file = name.strip_prefix('/').unwrap_or(name);
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-.".contains(c);
    !file.is_empty() && !file.starts_with('.') && file.chars().all(plain)
}

/// The input of this process's tracker: see [`track`].
static TRACKER: Mutex<Option<ChildStdin>> = Mutex::new(None);
static TRACKER_STARTED: Once = Once::new();

/// What the tracker runs: it reads one name a line until its input ends, then
/// removes each name still in `/dev/shm` (a name removed already is skipped).
const TRACKER_SCRIPT: &str = r#"trap '' HUP INT
while IFS= read -r name; do set -- "$@" "${name#/}"; done
for name; do rm -f "/dev/shm/$name"; done"#;

/// Has the segment `name` (`/name`, in `/dev/shm`) removed when this process
/// ends, however it ends: Python's resource tracker, for segments made some
/// other way (the `shared_memory` crate's, say). Every named segment this
/// module creates in the program the user started (not in a child role) is
/// tracked already. A name must be a plain file name (letters, digits, `_`,
/// `-`, `.`, not starting with `.`), with or without its leading `/`; any
/// other is ignored.
///
/// The tracker is a small process, as Python's resource tracker is:
/// a shell that holds the read end of a pipe whose write end only this process
/// has. However this process ends, even by SIGKILL, the kernel closes that
/// end; the tracker then reads the end of its input and removes every name it
/// was told of that is still in `/dev/shm`. It runs in a process group of its
/// own, so a Ctrl-C meant for the lesson does not end it first. Best effort:
/// without a tracker (no `/bin/sh`), the signal watcher, `drop` and
/// [`remove_stale`] still do their part.
pub fn track(name: &str) {
    use std::io::Write;
    if !trackable(name) {
        return;
    }
    start_tracker();
    let mut tracker = TRACKER.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(input) = tracker.as_mut() {
        // A failed write means the tracker is gone: carry on without it.
        if writeln!(input, "{name}").is_err() {
            *tracker = None;
        }
    }
}

/// Starts this process's tracker (see [`track`]) if it is not running yet.
/// The first `track` starts it, but a segment made some other way exists
/// before its name can be tracked: starting a process takes a while, and a
/// SIGKILL meanwhile would leave the segment. Call this before making the
/// first one, so that only a moment remains between making and tracking.
pub fn start_tracker() {
    TRACKER_STARTED.call_once(|| {
        let started = Command::new("/bin/sh")
            .args(["-c", TRACKER_SCRIPT, "course-kit-shm-tracker"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        // Its `Child` is dropped unwaited: the tracker outlives this process
        // by a moment, and the kernel gives it to another parent then.
        let input = started.ok().and_then(|mut tracker| tracker.stdin.take());
        *TRACKER.lock().unwrap_or_else(PoisonError::into_inner) = input;
    });
}

/// Ends this process by `signal`'s default action after removing every segment
/// it owns: for a signal that no handler sees, such as SIGPIPE when the reader
/// of our output went away (`| head`).
pub(crate) fn end_by(signal: i32) -> ! {
    let owned = OWNED.lock().unwrap_or_else(PoisonError::into_inner);
    for name in owned.iter() {
        let _ = shm::unlink(name.as_str());
    }
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // not reached: the signal's default action ends the process
    std::process::abort()
}

fn forget(name: &str) {
    OWNED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|owned| owned != name);
}

// ANCHOR: watch_signals
/// On Ctrl-C, SIGTERM or SIGHUP: remove every segment this process owns, then
/// end the process by that signal, as its default action would (the exit status
/// shows it). signal-hook chains handlers: one the program installed earlier
/// still runs, then this ends the process. One installed later with a raw
/// `sigaction` replaces signal-hook's, and this thread never hears a signal.
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let (ready, in_place) = std::sync::mpsc::channel();
    // The handlers are registered inside the thread: if the thread cannot
    // start, none is, and the three signals keep their default action.
    let spawned = std::thread::Builder::new()
        .name("shm-cleanup".into())
        .spawn(move || {
            let signals =
                signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]);
            // registered, or failed: either way, stop waiting
            let _ = ready.send(());
            let Ok(mut signals) = signals else {
                // no clean-up on signals, but drop still removes the segments
                return;
            };
            if let Some(signal) = signals.forever().next() {
                // Holding the lock until the end also stops new segments from
                // being made.
                let owned =
                    OWNED.lock().unwrap_or_else(PoisonError::into_inner);
                for name in owned.iter() {
                    let _ = shm::unlink(name.as_str());
                }
                // For these three signals this never returns: it restores the
                // default action and raises the signal again (or aborts, should
                // that fail).
                let _ = signal_hook::low_level::emulate_default_handler(signal);
            }
        });
    if spawned.is_ok() {
        // a signal from now on finds the handlers in place
        let _ = in_place.recv();
    }
}
// ANCHOR_END: watch_signals

/// Removes the named segments in `/dev/shm` whose owning process no longer
/// exists (one killed by SIGKILL, say). Returns the names it removed. Safe to
/// call at any time from processes that share one pid namespace: a live owner's
/// segments are left alone. It tells "alive" by looking for `/proc/<pid>` in
/// *this* process's pid namespace, so a segment made in another one (a
/// container sharing `/dev/shm`) may be taken for a dead owner's and removed;
/// and one whose dead owner's pid was reused stays until that process ends too.
pub fn remove_stale() -> Result<Vec<String>> {
    let mut removed = Vec::new();
    for entry in
        std::fs::read_dir("/dev/shm").context("cannot read /dev/shm")?
    {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let Some(pid) = owner_pid(&name) else {
            continue;
        };
        let alive = std::path::Path::new(&format!("/proc/{pid}")).exists();
        if !alive && shm::unlink(format!("/{name}").as_str()).is_ok() {
            removed.push(name);
        }
    }
    Ok(removed)
}

/// The pid of the process that created the segment named
/// `course-kit-<pid>-...`.
pub fn owner_pid(name: &str) -> Option<u32> {
    name.strip_prefix(PREFIX)?.split('-').next()?.parse().ok()
}

/// A new name, unique to this process and this moment.
fn unique_name() -> String {
    static NEXT: std::sync::atomic::AtomicU32 =
        std::sync::atomic::AtomicU32::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("/{PREFIX}{}-{n}-{stamp}", std::process::id())
}

/// `len` values of type `T` in memory shared between processes (Python's
/// `Array`). Derefs to `[T]`. See the [module documentation](self).
#[derive(Debug)]
pub struct SharedArray<T: Shareable> {
    mapping: Mapping,
    len: usize,
    /// What a child passes to [`open`](Self::open): `/course-kit-...` or
    /// `fd:N`.
    handle: String,
    /// `Some(name)` in the process that created a named segment: it removes the
    /// name.
    owned: Option<String>,
    values: PhantomData<T>,
}

impl<T: Shareable> SharedArray<T> {
    /// Creates a named segment of `len` values, all zero, owned by this
    /// process.
    pub fn create(len: usize) -> Result<Self> {
        let _ = remove_stale(); // leftovers of owners killed earlier, if any
        let name = unique_name();
        // On the list before it exists: a signal from now on removes it.
        let fd = remember(&name, || {
            shm::open(
                name.as_str(),
                shm::OFlags::CREATE | shm::OFlags::EXCL | shm::OFlags::RDWR,
                Mode::RUSR | Mode::WUSR,
            )
        });
        let made = fd
            .with_context(|| format!("cannot create shared memory {name}"))
            .and_then(|fd| Self::init(File::from(fd), len, name.clone()));
        match made {
            Ok(mut array) => {
                array.owned = Some(name);
                Ok(array)
            }
            Err(error) => {
                let _ = shm::unlink(name.as_str());
                forget(&name);
                Err(error)
            }
        }
    }

    /// Creates an anonymous segment (a `memfd`) of `len` values, all zero. Give
    /// it to a child with [`pass_to`](Self::pass_to); it disappears when the
    /// last process using it ends.
    pub fn anonymous(len: usize) -> Result<Self> {
        let fd = rustix::fs::memfd_create(
            "course-kit",
            MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING,
        )
        .context("cannot create a memfd")?;
        let file = File::from(fd);
        let handle = format!("fd:{}", file.as_raw_fd());
        let array = Self::init(file, len, handle)?;
        // Sealed at its size: no process that holds it can shrink it under
        // another's mapping (which would crash that one with SIGBUS), grow it,
        // or lift the seals.
        rustix::fs::fcntl_add_seals(
            &array.mapping.file,
            SealFlags::SHRINK | SealFlags::GROW | SealFlags::SEAL,
        )
        .context("cannot seal the memfd")?;
        Ok(array)
    }

    fn init(file: File, len: usize, handle: String) -> Result<Self> {
        const { assert!(align_of::<T>() <= DATA, "values this aligned do not fit") };
        let bytes = len
            .checked_mul(size_of::<T>())
            .and_then(|b| b.checked_add(DATA))
            .context("too many values")?;
        file.set_len(bytes as u64)
            .context("cannot size the shared memory")?;
        let mapping = Mapping::new(file)?;
        let header = mapping.header();
        header[1].store(fingerprint::<T>(), Ordering::Relaxed);
        header[2].store(len as u64, Ordering::Relaxed);
        // Release: whoever sees the magic also sees the two words before it.
        header[0].store(MAGIC, Ordering::Release);
        Ok(Self {
            mapping,
            len,
            handle,
            owned: None,
            values: PhantomData,
        })
    }

    /// Opens a segment another process made, from its [`handle`](Self::handle).
    /// The type must be the one it was created with.
    pub fn open(handle: &str) -> Result<Self> {
        let file = if let Some(fd) = handle.strip_prefix("fd:") {
            let fd: u32 = fd
                .parse()
                .with_context(|| format!("bad handle {handle:?}"))?;
            // The inherited descriptor, opened again through /proc: no unsafe
            // needed.
            File::options()
                .read(true)
                .write(true)
                .open(format!("/proc/self/fd/{fd}"))
                .with_context(|| {
                    format!("no inherited shared memory {handle} (was it passed with pass_to?)")
                })?
        } else if handle.starts_with(&format!("/{PREFIX}")) {
            let fd = shm::open(handle, shm::OFlags::RDWR, Mode::empty())
                .with_context(|| {
                    format!("cannot open shared memory {handle}")
                })?;
            File::from(fd)
        } else {
            bail!("{handle:?} is not a shared memory handle");
        };
        let size = file.metadata()?.len();
        ensure!(
            size >= DATA as u64,
            "{handle} is too small to be shared memory"
        );
        let mapping = Mapping::new(file)?;
        let header = mapping.header();
        ensure!(
            header[0].load(Ordering::Acquire) == MAGIC,
            "{handle} is not a course-kit shared memory segment"
        );
        ensure!(
            header[1].load(Ordering::Relaxed) == fingerprint::<T>(),
            "{handle} holds another type than {}",
            std::any::type_name::<T>()
        );
        let len = usize::try_from(header[2].load(Ordering::Relaxed))?;
        // Counted for `unlink_once_opened` (Relaxed: a count, nothing else is
        // published by it).
        header[3].fetch_add(1, Ordering::Relaxed);
        // Checked: a corrupt length word must give an error, not an overflow
        // panic.
        let needed = len
            .checked_mul(size_of::<T>())
            .and_then(|b| b.checked_add(DATA));
        ensure!(
            needed.is_some_and(|n| n as u64 <= size),
            "{handle} is shorter than its header says"
        );
        Ok(Self {
            mapping,
            len,
            handle: handle.to_string(),
            owned: None,
            values: PhantomData,
        })
    }

    /// How to [`open`](Self::open) this segment: its name (`/course-kit-...`),
    /// or for an anonymous one `fd:N`, which works only in this process; a
    /// child gets its own from [`pass_to`](Self::pass_to).
    pub fn handle(&self) -> &str {
        &self.handle
    }

    /// True in the process that created a named segment (and will remove it).
    pub fn is_owner(&self) -> bool {
        self.owned.is_some()
    }

    // ANCHOR: unlink
    /// Removes the name from `/dev/shm` now, as Python's `.unlink()` does.
    /// Every process that has the segment open keeps using it; nobody can open
    /// it by name any more, and however any process ends, nothing is left.
    /// Does nothing for a segment this process does not own.
    pub fn unlink(&mut self) -> Result<()> {
        if let Some(name) = self.owned.take() {
            forget(&name);
            shm::unlink(name.as_str())
                .with_context(|| format!("cannot unlink {name}"))?;
        }
        Ok(())
    }
    // ANCHOR_END: unlink

    /// Waits until `opens` processes have opened this segment (for at most
    /// `limit`), then [`unlink`](Self::unlink)s it: call it once you have
    /// started every process that needs the segment.
    pub fn unlink_once_opened(
        &mut self,
        opens: u64,
        limit: Duration,
    ) -> Result<()> {
        let deadline = Instant::now() + limit;
        let opened = &self.mapping.header()[3];
        while opened.load(Ordering::Relaxed) < opens {
            ensure!(
                Instant::now() < deadline,
                "{} was not opened {opens} times within {limit:?}",
                self.handle
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        self.unlink()
    }

    /// Gets `command` ready to share this segment: adds the handle as its last
    /// argument and, for an anonymous segment, lets the child inherit the
    /// descriptor (which is otherwise closed when a program starts). Call it
    /// before spawning; the child calls `open`.
    ///
    /// In the child, the inherited descriptor stays open without close-on-exec
    /// for as long as the child runs (`open` maps a copy of it and leaves it
    /// be), so any program the child starts in turn inherits it too and can
    /// reach the memory.
    // ANCHOR: pass_to
    pub fn pass_to<'c>(
        &self,
        command: &'c mut Command,
    ) -> Result<&'c mut Command> {
        if !self.handle.starts_with("fd:") {
            // a name: the child opens it by name
            return Ok(command.arg(&self.handle));
        }
        // A copy of the descriptor that the command owns: it stays open until
        // the command is dropped, so it is open in the child even if this value
        // is dropped before `spawn`.
        let copy = rustix::io::fcntl_dupfd_cloexec(&self.mapping.file, 0)
            .context("cannot copy the memfd for a child")?;
        command.arg(format!("fd:{}", copy.as_raw_fd()));
        // SAFETY: `pre_exec` runs the closure in the child between fork and
        // exec, where only async-signal-safe calls are allowed. It makes one
        // `fcntl` system call through rustix (no allocation, no lock) on a
        // descriptor it owns, and on failure returns an `io::Error` made from
        // the error number (no allocation either).
        unsafe {
            command.pre_exec(move || {
                // Keep the copy open across exec; every other descriptor stays
                // close-on-exec.
                rustix::io::fcntl_setfd(&copy, FdFlags::empty())?;
                Ok(())
            });
        }
        Ok(command)
    }
    // ANCHOR_END: pass_to
}

impl<T: Shareable> Deref for SharedArray<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.mapping.slice(DATA, self.len)
    }
}

impl<T: Shareable> Drop for SharedArray<T> {
    fn drop(&mut self) {
        if let Some(name) = self.owned.take() {
            let _ = shm::unlink(name.as_str());
            forget(&name);
        }
    }
}

/// One value of type `T` in memory shared between processes (Python's `Value`).
/// Derefs to `T`. See the [module documentation](self).
#[derive(Debug)]
pub struct SharedValue<T: Shareable> {
    array: SharedArray<T>,
}

impl<T: Shareable> SharedValue<T> {
    /// Creates a named segment holding one zero value, owned by this process.
    pub fn create() -> Result<Self> {
        SharedArray::create(1).map(|array| Self { array })
    }

    /// Creates an anonymous segment (a `memfd`) holding one zero value.
    pub fn anonymous() -> Result<Self> {
        SharedArray::anonymous(1).map(|array| Self { array })
    }

    /// Opens a value another process made, from its [`handle`](Self::handle).
    pub fn open(handle: &str) -> Result<Self> {
        let array = SharedArray::open(handle)?;
        ensure!(array.len == 1, "{handle} holds an array, not one value");
        Ok(Self { array })
    }

    /// What a child needs to [`open`](Self::open) this value.
    pub fn handle(&self) -> &str {
        self.array.handle()
    }

    /// True in the process that created a named segment (and will remove it).
    pub fn is_owner(&self) -> bool {
        self.array.is_owner()
    }

    /// See [`SharedArray::unlink`].
    pub fn unlink(&mut self) -> Result<()> {
        self.array.unlink()
    }

    /// See [`SharedArray::unlink_once_opened`].
    pub fn unlink_once_opened(
        &mut self,
        opens: u64,
        limit: Duration,
    ) -> Result<()> {
        self.array.unlink_once_opened(opens, limit)
    }

    /// See [`SharedArray::pass_to`].
    pub fn pass_to<'c>(
        &self,
        command: &'c mut Command,
    ) -> Result<&'c mut Command> {
        self.array.pass_to(command)
    }
}

impl<T: Shareable> Deref for SharedValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.array[0]
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    use std::path::Path;
    use std::process::Stdio;
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::child::ChildGuard;

    fn in_dev_shm(handle: &str) -> bool {
        Path::new("/dev/shm").join(&handle[1..]).exists()
    }

    #[test]
    fn a_second_mapping_sees_the_same_values() {
        let numbers = SharedArray::<AtomicI64>::create(4).unwrap();
        assert!(numbers.is_owner() && in_dev_shm(numbers.handle()));
        let other = SharedArray::<AtomicI64>::open(numbers.handle()).unwrap();
        assert!(!other.is_owner());
        numbers[2].store(-7, Ordering::SeqCst);
        other[3].fetch_add(5, Ordering::SeqCst);
        assert_eq!(other[2].load(Ordering::SeqCst), -7);
        assert_eq!(numbers[3].load(Ordering::SeqCst), 5);
        assert_eq!(other.len(), 4);
    }

    #[test]
    fn the_owner_removes_the_name_on_drop_and_on_panic() {
        let value = SharedValue::<AtomicU32>::create().unwrap();
        let name = value.handle().to_string();
        let opened = SharedValue::<AtomicU32>::open(&name).unwrap();
        drop(opened); // an opener never removes it
        assert!(in_dev_shm(&name));
        drop(value);
        assert!(!in_dev_shm(&name), "{name} is still in /dev/shm");

        let (send, receive) = mpsc::channel();
        let unwound = std::panic::catch_unwind(move || {
            let value = SharedValue::<AtomicU32>::create().unwrap();
            send.send(value.handle().to_string()).unwrap();
            panic!("a bug while the segment exists");
        });
        assert!(unwound.is_err());
        let name = receive.recv().unwrap();
        assert!(!in_dev_shm(&name), "{name} survived the panic");
    }

    #[test]
    fn wrong_types_and_names_are_refused() {
        let pair = SharedValue::<[AtomicI64; 2]>::create().unwrap();
        pair[0].store(250, Ordering::SeqCst);
        pair[1].store(1, Ordering::SeqCst);
        let error = SharedValue::<AtomicI64>::open(pair.handle()).unwrap_err();
        assert!(error.to_string().contains("another type"), "{error}");
        let error = SharedArray::<AtomicI64>::open("/course-kit-0-0-missing")
            .unwrap_err();
        assert!(error.to_string().contains("cannot open"), "{error:#}");
        let error = SharedArray::<AtomicI64>::open("/etc/passwd").unwrap_err();
        assert!(error.to_string().contains("not a shared memory handle"));
        let same = SharedValue::<[AtomicI64; 2]>::open(pair.handle()).unwrap();
        assert_eq!(same[0].load(Ordering::SeqCst), 250);
    }

    #[test]
    fn unlinked_once_opened_the_name_goes_and_the_memory_stays() {
        let mut value = SharedValue::<AtomicU32>::create().unwrap();
        let name = value.handle().to_string();
        let limit = Duration::from_millis(50);
        let error = value.unlink_once_opened(1, limit).unwrap_err();
        assert!(error.to_string().contains("not opened"), "{error}");
        assert!(in_dev_shm(&name));
        let other = SharedValue::<AtomicU32>::open(&name).unwrap();
        value.unlink_once_opened(1, limit).unwrap();
        assert!(!in_dev_shm(&name) && !value.is_owner());
        value.store(5, Ordering::SeqCst);
        assert_eq!(other.load(Ordering::SeqCst), 5);
        assert!(OWNED.lock().unwrap().iter().all(|n| *n != name));
    }

    #[test]
    fn an_anonymous_segment_cannot_shrink() {
        let value = SharedValue::<AtomicU64>::anonymous().unwrap();
        let file = &value.array.mapping.file;
        assert!(
            file.set_len(0).is_err(),
            "a sealed memfd must refuse to shrink"
        );
        assert!(file.set_len(1 << 20).is_err(), "nor grow");
        value.store(7, Ordering::SeqCst);
        assert_eq!(value.load(Ordering::SeqCst), 7);
    }

    #[test]
    fn a_corrupt_length_is_an_error_not_a_panic() {
        let numbers = SharedArray::<AtomicU64>::create(2).unwrap();
        // So large that len * 8 fits in a usize but adding the header does not.
        let huge = (usize::MAX / 8) as u64;
        numbers.mapping.header()[2].store(huge, Ordering::SeqCst);
        let error =
            SharedArray::<AtomicU64>::open(numbers.handle()).unwrap_err();
        assert!(
            error.to_string().contains("shorter than its header"),
            "{error}"
        );
    }

    #[test]
    fn atomic_f64_stores_and_adds() {
        let value = SharedValue::<AtomicF64>::anonymous().unwrap();
        assert_eq!(value.load(Ordering::SeqCst), 0.0);
        value.store(3.25, Ordering::SeqCst);
        assert_eq!(value.fetch_add(0.5, Ordering::SeqCst), 3.25);
        let again = SharedValue::<AtomicF64>::open(value.handle()).unwrap();
        assert_eq!(again.load(Ordering::SeqCst), 3.75);
    }

    #[test]
    fn a_child_inherits_an_anonymous_segment() {
        let value = SharedValue::<AtomicU64>::anonymous().unwrap();
        assert!(!value.is_owner());
        // The child writes eight bytes where the value lives, through its
        // inherited descriptor.
        let script = "printf AAAAAAAA | dd of=/proc/self/fd/${0#fd:} bs=1 seek=64 conv=notrunc 2>/dev/null";
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        value.pass_to(&mut command).unwrap();
        let status = ChildGuard::spawn(&mut command).unwrap().wait().unwrap();
        assert!(status.success());
        assert_eq!(
            value.load(Ordering::SeqCst),
            u64::from_le_bytes(*b"AAAAAAAA")
        );
        // Without pass_to the descriptor is closed in a child.
        let handle = value.handle().trim_start_matches("fd:").to_string();
        let status = Command::new("sh")
            .args(["-c", "test -e /proc/self/fd/$0", &handle])
            .status()
            .unwrap();
        assert!(!status.success(), "fd {handle} leaked into a child");
    }

    #[test]
    fn segments_of_dead_owners_are_removed() {
        // A pid that no longer exists: a child that has finished and been
        // reaped.
        let dead = Command::new("true").spawn().unwrap();
        let pid = dead.id();
        let _ = { dead }.wait();
        let name = format!("/{PREFIX}{pid}-1-0");
        drop(
            shm::open(
                name.as_str(),
                shm::OFlags::CREATE | shm::OFlags::RDWR,
                Mode::RUSR,
            )
            .unwrap(),
        );
        // calls remove_stale
        let live = SharedValue::<AtomicU32>::create().unwrap();
        assert!(!in_dev_shm(&name), "the dead owner's {name} is still there");
        assert!(
            in_dev_shm(live.handle()),
            "a live owner's segment was removed"
        );
    }

    /// Not a test on its own: the child of `sigterm_removes_the_segment`.
    #[test]
    #[ignore = "run by sigterm_removes_the_segment"]
    fn owner_waiting_for_a_signal() {
        let value = SharedValue::<AtomicU32>::create().unwrap();
        println!("segment {}", value.handle());
        std::thread::sleep(Duration::from_secs(30));
    }

    #[test]
    fn sigterm_removes_the_segment() {
        let (mut child, name) =
            child_with_segment("owner_waiting_for_a_signal");
        let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
        rustix::process::kill_process(pid, rustix::process::Signal::TERM)
            .unwrap();
        let status = child
            .wait_timeout(Duration::from_secs(20))
            .unwrap()
            .expect("the child did not end on SIGTERM");
        assert_eq!(status.signal(), Some(15), "{status}");
        assert!(!in_dev_shm(&name), "{name} survived SIGTERM");
    }

    /// Not a test on its own: the child of
    /// `after_sigkill_the_tracker_removes_the_segment`. Its segment's name
    /// names no owner, so `remove_stale` (which any test or lesson running
    /// meanwhile may call) leaves it alone: only the tracker removes it.
    #[test]
    #[ignore = "run by after_sigkill_the_tracker_removes_the_segment"]
    fn tracked_and_waiting() {
        let name = format!("/{PREFIX}tracked-{}", std::process::id());
        let flags = shm::OFlags::CREATE | shm::OFlags::RDWR;
        drop(shm::open(name.as_str(), flags, Mode::RUSR).unwrap());
        track(&name);
        println!("segment {name}");
        std::thread::sleep(Duration::from_secs(30));
    }

    #[test]
    fn after_sigkill_the_tracker_removes_the_segment() {
        let (child, name) = child_with_segment("tracked_and_waiting");
        let status = child.kill().unwrap(); // SIGKILL: nothing runs in it
        assert_eq!(status.signal(), Some(9), "{status}");
        // The tracker, a process of its own, removes it a moment later.
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while in_dev_shm(&name) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        let survived = in_dev_shm(&name);
        let _ = shm::unlink(name.as_str()); // leave nothing, even on failure
        assert!(!survived, "{name} survived SIGKILL");
    }

    #[test]
    fn only_plain_names_are_tracked() {
        assert!(trackable("/course-kit-12-1-345"));
        assert!(trackable("shmem_6657E74283E62671"));
        for name in ["", "/", "/..", "/../etc/passwd", "a/b", "/.hidden"] {
            assert!(!trackable(name), "{name:?}");
        }
    }

    /// The ignored test `test` in a child process, and the name of the
    /// segment it made.
    fn child_with_segment(test: &str) -> (ChildGuard, String) {
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args(["--ignored", "--exact", "--nocapture"])
            .arg(format!("shm::tests::{test}"))
            .stdout(Stdio::piped());
        let mut child = ChildGuard::spawn(&mut command).unwrap();
        let stdout = child.child_mut().stdout.take().unwrap();
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("segment ") {
                    let _ = send.send(name.to_string());
                }
            }
        });
        let name = receive
            .recv_timeout(Duration::from_secs(20))
            .expect("the child never said which segment it made");
        assert!(in_dev_shm(&name));
        (child, name)
    }
}
