//! A power cut, simulated inside SQLite: the "powerloss" VFS keeps every
//! write in the process's memory until the file is synced, and only then
//! writes it to the real file (in order) and syncs that. A process killed
//! with SIGKILL therefore leaves on disk exactly what it had synced, as a
//! power cut would: the writes it never synced are gone, where a plain
//! SIGKILL would leave them in the kernel's page cache.
//!
//! What is simulated: writes not followed by a sync of their file are lost.
//! What is not: truncations and size changes reach the file at once, and
//! directory entries (a file created or deleted) are never lost; a write is
//! never torn or reordered against the writes before it.
//!
//! Why this crate has unsafe code when the workspace forbids it: SQLite's VFS
//! is a C interface (a table of C function pointers called with raw pointers
//! to memory SQLite allocates), so it cannot be written without `unsafe`.
//! This crate is test support only (a dev-dependency of the core's
//! power-loss test), never linked into the app. Its one public function,
//! [`install_as_default`], is safe.
//!
//! It wraps the default VFS (on Unix, SQLite's "unix" VFS): each file opened
//! through it holds the real file, opened by the real VFS, and the writes not
//! yet synced. Reads see the real file with those writes on top; its size is
//! the larger of the real size and the end of the last pending write. Memory
//! mapping is not offered (I/O methods version 2), so every page read goes
//! through `xRead`. Locks and the shared-memory index go to the real file
//! unchanged (the index is rebuilt from the log after a crash anyway).
//! SQLCipher encrypts pages above the VFS, so the pages seen here are
//! ciphertext: that changes nothing.

use std::alloc::Layout;
use std::ffi::{CStr, c_int};
use std::ptr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::ffi;

mod delegate;
mod file;
mod vfs;

use delegate::*;
use file::*;
use vfs::*;

/// The VFS's registered name.
const NAME: &CStr = c"powerloss";

/// The real file's memory is allocated with this alignment (SQLite's own
/// allocations are 8-byte aligned; the real VFS expects no more).
pub(crate) const ALIGN: usize = 16;

static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// Files synced through the VFS in this process (each sync that wrote the
/// pending writes to the real file and synced it).
pub(crate) static SYNCS: AtomicU64 = AtomicU64::new(0);

/// Registers the "powerloss" VFS as SQLite's default for this process, once:
/// every connection opened afterwards without naming a VFS goes through it.
/// Call it before the first connection is opened.
pub fn install_as_default() -> Result<(), String> {
    INSTALLED.get_or_init(install).clone()
}

/// How many file syncs the VFS has passed on in this process (diagnostics:
/// with `synchronous=OFF` it stays 0).
pub fn syncs() -> u64 {
    SYNCS.load(Ordering::Relaxed)
}

fn install() -> Result<(), String> {
    // SAFETY: sqlite3_initialize takes no arguments and may be called any
    // number of times.
    let rc = unsafe { ffi::sqlite3_initialize() };
    if rc != ffi::SQLITE_OK {
        return Err(format!("sqlite3_initialize failed ({rc})"));
    }
    // SAFETY: a null name asks for the default VFS; the result is a VFS that
    // SQLite keeps registered for the life of the process, or null.
    let real = unsafe { ffi::sqlite3_vfs_find(ptr::null()) };
    if real.is_null() {
        return Err("SQLite has no default VFS to wrap".into());
    }
    // SAFETY: `real` is non-null and points to a registered VFS, which is
    // never freed.
    let (real_version, max_path) = unsafe { ((*real).iVersion, (*real).mxPathname) };
    let size = c_int::try_from(std::mem::size_of::<PowerlossFile>())
        .map_err(|_| "the file structure is too large".to_string())?;
    let vfs = ffi::sqlite3_vfs {
        iVersion: real_version.min(3),
        szOsFile: size,
        mxPathname: max_path,
        pNext: ptr::null_mut(),
        zName: NAME.as_ptr(),
        pAppData: real.cast(),
        xOpen: Some(x_open),
        xDelete: Some(x_delete),
        xAccess: Some(x_access),
        xFullPathname: Some(x_full_pathname),
        xDlOpen: Some(x_dl_open),
        xDlError: Some(x_dl_error),
        xDlSym: Some(x_dl_sym),
        xDlClose: Some(x_dl_close),
        xRandomness: Some(x_randomness),
        xSleep: Some(x_sleep),
        xCurrentTime: Some(x_current_time),
        xGetLastError: Some(x_get_last_error),
        xCurrentTimeInt64: Some(x_current_time_int64),
        xSetSystemCall: Some(x_set_system_call),
        xGetSystemCall: Some(x_get_system_call),
        xNextSystemCall: Some(x_next_system_call),
    };
    // SQLite keeps the pointer for the life of the process: leak it.
    let vfs: &'static mut ffi::sqlite3_vfs = Box::leak(Box::new(vfs));
    // SAFETY: `vfs` is fully initialised, lives forever, and is registered
    // once (the OnceLock above).
    let rc = unsafe { ffi::sqlite3_vfs_register(vfs, 1) };
    if rc != ffi::SQLITE_OK {
        return Err(format!("sqlite3_vfs_register failed ({rc})"));
    }
    Ok(())
}

/// One write not yet synced: where, and what.
pub(crate) struct Pending {
    offset: i64,
    data: Vec<u8>,
}

impl Pending {
    fn end(&self) -> i64 {
        self.offset
            .saturating_add(i64::try_from(self.data.len()).unwrap_or(i64::MAX))
    }
}

/// What SQLite allocates (`szOsFile` bytes) for each file opened through the
/// VFS: `base` must come first, SQLite sees only it.
#[repr(C)]
pub(crate) struct PowerlossFile {
    base: ffi::sqlite3_file,
    /// The real file, opened by the real VFS in memory allocated here.
    real: *mut ffi::sqlite3_file,
    /// The layout `real` was allocated with.
    real_layout: Layout,
    /// The writes since the last sync, oldest first.
    pending: Vec<Pending>,
}

pub(crate) static IO_METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    // Version 2: shared memory, but no xFetch/xUnfetch, so no memory mapping.
    iVersion: 2,
    xClose: Some(x_close),
    xRead: Some(x_read),
    xWrite: Some(x_write),
    xTruncate: Some(x_truncate),
    xSync: Some(x_sync),
    xFileSize: Some(x_file_size),
    xLock: Some(x_lock),
    xUnlock: Some(x_unlock),
    xCheckReservedLock: Some(x_check_reserved_lock),
    xFileControl: Some(x_file_control),
    xSectorSize: Some(x_sector_size),
    xDeviceCharacteristics: Some(x_device_characteristics),
    xShmMap: Some(x_shm_map),
    xShmLock: Some(x_shm_lock),
    xShmBarrier: Some(x_shm_barrier),
    xShmUnmap: Some(x_shm_unmap),
    xFetch: None,
    xUnfetch: None,
};
