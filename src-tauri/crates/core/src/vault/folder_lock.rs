//! The data folder's lock: one Roundtable process per folder.
//!
//! The standard library's `File::try_lock` (stable since Rust 1.89) is the
//! lock on every platform. The Windows build (`.ci/windows.sh`) compiles with
//! Debian's Rust 1.85, where the same call is still an unstable feature that
//! answers `Ok(false)` instead of `WouldBlock`; `rustversion` picks the form
//! the compiler has, so both builds share one rule.

use std::fs::File;
use std::io;

/// Takes the exclusive lock on `file` without waiting: `Ok(false)` when
/// another process holds it.
#[rustversion::since(1.89)]
pub(super) fn try_lock_exclusive(file: &File) -> io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(err)) => Err(err),
    }
}

/// Takes the exclusive lock on `file` without waiting (Rust before 1.89).
#[rustversion::before(1.89)]
pub(super) fn try_lock_exclusive(file: &File) -> io::Result<bool> {
    file.try_lock()
}
