//! The VFS itself: opening a file wraps the real one; every other call is
//! the real VFS's.

use std::ffi::{c_char, c_int, c_void};
use std::ptr;

use rusqlite::ffi;

use super::*;

/// The real VFS, kept in our VFS's `pAppData`.
///
/// # Safety
/// `vfs` must be the VFS registered by [`install`].
pub(crate) unsafe fn real_vfs(vfs: *mut ffi::sqlite3_vfs) -> *mut ffi::sqlite3_vfs {
    // SAFETY: the caller passes our VFS, whose pAppData is the real VFS.
    unsafe { (*vfs).pAppData.cast() }
}

pub(crate) unsafe extern "C" fn x_open(
    vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    // SAFETY: SQLite passes our VFS and `szOsFile` bytes at `file`; until
    // this succeeds, SQLite reads only `pMethods`, set on every path below.
    unsafe {
        (*file).pMethods = ptr::null();
        let real = real_vfs(vfs);
        let Some(open) = (*real).xOpen else {
            return ffi::SQLITE_ERROR;
        };
        let Ok(size) = usize::try_from((*real).szOsFile) else {
            return ffi::SQLITE_ERROR;
        };
        let Ok(layout) = Layout::from_size_align(size.max(1), ALIGN) else {
            return ffi::SQLITE_ERROR;
        };
        let real_file = std::alloc::alloc_zeroed(layout).cast::<ffi::sqlite3_file>();
        if real_file.is_null() {
            return ffi::SQLITE_NOMEM;
        }
        let rc = open(real, name, real_file, flags, out_flags);
        if rc != ffi::SQLITE_OK {
            // A failed open that set its methods still wants its xClose.
            if let Some(methods) = (*real_file).pMethods.as_ref()
                && let Some(close) = methods.xClose
            {
                close(real_file);
            }
            std::alloc::dealloc(real_file.cast(), layout);
            return rc;
        }
        ptr::write(
            file.cast::<PowerlossFile>(),
            PowerlossFile {
                base: ffi::sqlite3_file {
                    pMethods: &IO_METHODS,
                },
                real: real_file,
                real_layout: layout,
                pending: Vec::new(),
            },
        );
        ffi::SQLITE_OK
    }
}

pub(crate) unsafe extern "C" fn x_delete(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    sync_dir: c_int,
) -> c_int {
    // SAFETY: our VFS; the arguments are SQLite's, passed on unchanged.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xDelete {
            Some(f) => f(real, name, sync_dir),
            None => ffi::SQLITE_ERROR,
        }
    }
}

pub(crate) unsafe extern "C" fn x_access(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    flags: c_int,
    out: *mut c_int,
) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xAccess {
            Some(f) => f(real, name, flags, out),
            None => ffi::SQLITE_ERROR,
        }
    }
}

pub(crate) unsafe extern "C" fn x_full_pathname(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    n_out: c_int,
    out: *mut c_char,
) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xFullPathname {
            Some(f) => f(real, name, n_out, out),
            None => ffi::SQLITE_ERROR,
        }
    }
}

pub(crate) unsafe extern "C" fn x_dl_open(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
) -> *mut c_void {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xDlOpen {
            Some(f) => f(real, name),
            None => ptr::null_mut(),
        }
    }
}

pub(crate) unsafe extern "C" fn x_dl_error(vfs: *mut ffi::sqlite3_vfs, n: c_int, out: *mut c_char) {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        if let Some(f) = (*real).xDlError {
            f(real, n, out);
        }
    }
}

type DlSym = unsafe extern "C" fn(*mut ffi::sqlite3_vfs, *mut c_void, *const c_char);

pub(crate) unsafe extern "C" fn x_dl_sym(
    vfs: *mut ffi::sqlite3_vfs,
    handle: *mut c_void,
    symbol: *const c_char,
) -> Option<DlSym> {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xDlSym {
            Some(f) => f(real, handle, symbol),
            None => None,
        }
    }
}

pub(crate) unsafe extern "C" fn x_dl_close(vfs: *mut ffi::sqlite3_vfs, handle: *mut c_void) {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        if let Some(f) = (*real).xDlClose {
            f(real, handle);
        }
    }
}

pub(crate) unsafe extern "C" fn x_randomness(
    vfs: *mut ffi::sqlite3_vfs,
    n: c_int,
    out: *mut c_char,
) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xRandomness {
            Some(f) => f(real, n, out),
            None => 0,
        }
    }
}

pub(crate) unsafe extern "C" fn x_sleep(vfs: *mut ffi::sqlite3_vfs, micros: c_int) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xSleep {
            Some(f) => f(real, micros),
            None => 0,
        }
    }
}

pub(crate) unsafe extern "C" fn x_current_time(vfs: *mut ffi::sqlite3_vfs, out: *mut f64) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xCurrentTime {
            Some(f) => f(real, out),
            None => ffi::SQLITE_ERROR,
        }
    }
}

pub(crate) unsafe extern "C" fn x_get_last_error(
    vfs: *mut ffi::sqlite3_vfs,
    n: c_int,
    out: *mut c_char,
) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xGetLastError {
            Some(f) => f(real, n, out),
            None => 0,
        }
    }
}

pub(crate) unsafe extern "C" fn x_current_time_int64(
    vfs: *mut ffi::sqlite3_vfs,
    out: *mut ffi::sqlite3_int64,
) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xCurrentTimeInt64 {
            Some(f) => f(real, out),
            None => ffi::SQLITE_ERROR,
        }
    }
}

pub(crate) unsafe extern "C" fn x_set_system_call(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    call: ffi::sqlite3_syscall_ptr,
) -> c_int {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xSetSystemCall {
            Some(f) => f(real, name, call),
            None => ffi::SQLITE_NOTFOUND,
        }
    }
}

pub(crate) unsafe extern "C" fn x_get_system_call(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
) -> ffi::sqlite3_syscall_ptr {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xGetSystemCall {
            Some(f) => f(real, name),
            None => None,
        }
    }
}

pub(crate) unsafe extern "C" fn x_next_system_call(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
) -> *const c_char {
    // SAFETY: as x_delete.
    unsafe {
        let real = real_vfs(vfs);
        match (*real).xNextSystemCall {
            Some(f) => f(real, name),
            None => ptr::null(),
        }
    }
}
