//! A lock between processes that the kernel keeps: `File::lock` (`flock(2)`),
//! in the standard library since Rust 1.89.

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

// ANCHOR: file_lock
/// An open lock file. Every process opens the same path; the kernel lets one
/// of them hold the lock at a time, and lets go for a process that dies.
pub struct LockFile {
    file: File,
}

/// Holds the lock while alive; dropping it unlocks.
pub struct FileGuard<'a> {
    file: &'a File,
}

impl LockFile {
    /// Takes the lock, sleeping in the kernel until it is free. The kernel
    /// unlocks a file when its holder ends, so no dead holder keeps us here.
    pub fn lock(&self) -> io::Result<FileGuard<'_>> {
        self.file.lock()?;
        Ok(FileGuard { file: &self.file })
    }
}

impl Drop for FileGuard<'_> {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
// ANCHOR_END: file_lock

impl LockFile {
    /// Opens (or creates) the lock file at `path`.
    pub fn open(path: &Path) -> io::Result<Self> {
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        Ok(Self { file })
    }

    /// Takes the lock if it is free right now; `None` if someone holds it.
    pub fn try_lock(&self) -> io::Result<Option<FileGuard<'_>>> {
        match self.file.try_lock() {
            Ok(()) => Ok(Some(FileGuard { file: &self.file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(error)) => Err(error),
        }
    }
}
