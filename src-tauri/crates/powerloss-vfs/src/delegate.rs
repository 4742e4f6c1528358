//! A file's calls that change nothing on disk (locks, controls, the
//! shared-memory index): passed to the real file unchanged.

use std::ffi::{c_int, c_void};

use rusqlite::ffi;

use super::*;
/// The real file of a file opened by [`x_open`].
///
/// # Safety
/// As [`ours`].
pub(crate) unsafe fn real_of(file: *mut ffi::sqlite3_file) -> *mut ffi::sqlite3_file {
    // SAFETY: per the contract above.
    unsafe { ours(file).real }
}

pub(crate) unsafe extern "C" fn x_lock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    // SAFETY: SQLite passes a file opened by x_open; passed on unchanged.
    unsafe {
        let real = real_of(file);
        match methods(real).xLock {
            Some(f) => f(real, level),
            None => ffi::SQLITE_IOERR_LOCK,
        }
    }
}

pub(crate) unsafe extern "C" fn x_unlock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xUnlock {
            Some(f) => f(real, level),
            None => ffi::SQLITE_IOERR_UNLOCK,
        }
    }
}

pub(crate) unsafe extern "C" fn x_check_reserved_lock(
    file: *mut ffi::sqlite3_file,
    out: *mut c_int,
) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xCheckReservedLock {
            Some(f) => f(real, out),
            None => ffi::SQLITE_IOERR_CHECKRESERVEDLOCK,
        }
    }
}

pub(crate) unsafe extern "C" fn x_file_control(
    file: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xFileControl {
            Some(f) => f(real, op, arg),
            None => ffi::SQLITE_NOTFOUND,
        }
    }
}

pub(crate) unsafe extern "C" fn x_sector_size(file: *mut ffi::sqlite3_file) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xSectorSize {
            Some(f) => f(real),
            None => 4096,
        }
    }
}

pub(crate) unsafe extern "C" fn x_device_characteristics(file: *mut ffi::sqlite3_file) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xDeviceCharacteristics {
            Some(f) => f(real),
            None => 0,
        }
    }
}

pub(crate) unsafe extern "C" fn x_shm_map(
    file: *mut ffi::sqlite3_file,
    region: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xShmMap {
            Some(f) => f(real, region, size, extend, out),
            None => ffi::SQLITE_IOERR_SHMMAP,
        }
    }
}

pub(crate) unsafe extern "C" fn x_shm_lock(
    file: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xShmLock {
            Some(f) => f(real, offset, n, flags),
            None => ffi::SQLITE_IOERR_SHMLOCK,
        }
    }
}

pub(crate) unsafe extern "C" fn x_shm_barrier(file: *mut ffi::sqlite3_file) {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        if let Some(f) = methods(real).xShmBarrier {
            f(real);
        }
    }
}

pub(crate) unsafe extern "C" fn x_shm_unmap(file: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    // SAFETY: as x_lock.
    unsafe {
        let real = real_of(file);
        match methods(real).xShmUnmap {
            Some(f) => f(real, delete),
            None => ffi::SQLITE_OK,
        }
    }
}
