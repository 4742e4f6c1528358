//! A file opened through the VFS: writes wait in memory until a sync
//! passes them on; reads see the real file with them on top.

use std::ffi::{c_int, c_void};
use std::ptr;

use rusqlite::ffi;

use super::*;

/// Our file behind SQLite's pointer.
///
/// # Safety
/// `file` must have been opened by [`x_open`] and not yet closed, and no
/// other reference to it may be live (SQLite calls a file's methods one at a
/// time).
pub(crate) unsafe fn ours<'a>(file: *mut ffi::sqlite3_file) -> &'a mut PowerlossFile {
    // SAFETY: per the contract above; `base` is the first field of a
    // repr(C) struct, so the pointers coincide.
    unsafe { &mut *file.cast::<PowerlossFile>() }
}

/// The real file's methods.
///
/// # Safety
/// `real` must be an open real file.
pub(crate) unsafe fn methods<'a>(real: *mut ffi::sqlite3_file) -> &'a ffi::sqlite3_io_methods {
    // SAFETY: an open file's pMethods is non-null and static.
    unsafe { &*(*real).pMethods }
}

/// The real file's size.
///
/// # Safety
/// `real` must be an open real file.
pub(crate) unsafe fn real_size(real: *mut ffi::sqlite3_file) -> Result<i64, c_int> {
    // SAFETY: per the contract above.
    unsafe {
        let Some(size_of) = methods(real).xFileSize else {
            return Err(ffi::SQLITE_IOERR_FSTAT);
        };
        let mut size: ffi::sqlite3_int64 = 0;
        match size_of(real, &mut size) {
            ffi::SQLITE_OK => Ok(size),
            rc => Err(rc),
        }
    }
}

/// The file's size as SQLite sees it: the real file with the pending writes.
///
/// # Safety
/// As [`ours`].
pub(crate) unsafe fn logical_size(file: &PowerlossFile) -> Result<i64, c_int> {
    // SAFETY: `file.real` is open while `file` is.
    let real = unsafe { real_size(file.real) }?;
    Ok(file.pending.iter().map(Pending::end).fold(real, i64::max))
}

pub(crate) unsafe extern "C" fn x_close(file: *mut ffi::sqlite3_file) -> c_int {
    // SAFETY: SQLite closes a file it opened through us exactly once and
    // never uses it again; the real file was allocated with `real_layout`.
    unsafe {
        let f = file.cast::<PowerlossFile>();
        let real = (*f).real;
        let layout = (*f).real_layout;
        // The writes never synced are lost with the process's memory (here
        // dropped at close, which comes to the same for a killed process).
        ptr::drop_in_place(f);
        (*file).pMethods = ptr::null();
        let rc = match methods(real).xClose {
            Some(close) => close(real),
            None => ffi::SQLITE_OK,
        };
        std::alloc::dealloc(real.cast(), layout);
        rc
    }
}

pub(crate) unsafe extern "C" fn x_read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    let Ok(len) = usize::try_from(amount) else {
        return ffi::SQLITE_IOERR_READ;
    };
    let Some(end) = offset.checked_add(i64::from(amount)) else {
        return ffi::SQLITE_IOERR_READ;
    };
    // SAFETY: SQLite passes a file opened by x_open and `amount` writable
    // bytes at `buf`.
    unsafe {
        let f = ours(file);
        let Some(read) = methods(f.real).xRead else {
            return ffi::SQLITE_IOERR_READ;
        };
        let rc = read(f.real, buf, amount, offset);
        if rc != ffi::SQLITE_OK && rc != ffi::SQLITE_IOERR_SHORT_READ {
            return rc;
        }
        let out = std::slice::from_raw_parts_mut(buf.cast::<u8>(), len);
        if rc == ffi::SQLITE_IOERR_SHORT_READ {
            // Zero what lies beyond the real file, then lay the pending
            // writes over it.
            let real = match real_size(f.real) {
                Ok(size) => size,
                Err(rc) => return rc,
            };
            let from = usize::try_from(real.saturating_sub(offset).max(0))
                .unwrap_or(usize::MAX)
                .min(len);
            out[from..].fill(0);
        }
        for write in &f.pending {
            let lo = write.offset.max(offset);
            let hi = write.end().min(end);
            if lo >= hi {
                continue;
            }
            let (Ok(dst), Ok(src), Ok(n)) = (
                usize::try_from(lo - offset),
                usize::try_from(lo - write.offset),
                usize::try_from(hi - lo),
            ) else {
                return ffi::SQLITE_IOERR_READ;
            };
            out[dst..dst + n].copy_from_slice(&write.data[src..src + n]);
        }
        if rc == ffi::SQLITE_IOERR_SHORT_READ {
            match logical_size(f) {
                Ok(size) if end > size => return ffi::SQLITE_IOERR_SHORT_READ,
                Ok(_) => {}
                Err(rc) => return rc,
            }
        }
        ffi::SQLITE_OK
    }
}

pub(crate) unsafe extern "C" fn x_write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    let Ok(len) = usize::try_from(amount) else {
        return ffi::SQLITE_IOERR_WRITE;
    };
    if offset < 0 || offset.checked_add(i64::from(amount)).is_none() {
        return ffi::SQLITE_IOERR_WRITE;
    }
    // SAFETY: SQLite passes a file opened by x_open and `amount` readable
    // bytes at `buf`.
    unsafe {
        let f = ours(file);
        let data = std::slice::from_raw_parts(buf.cast::<u8>(), len).to_vec();
        f.pending.push(Pending { offset, data });
    }
    ffi::SQLITE_OK
}

pub(crate) unsafe extern "C" fn x_truncate(
    file: *mut ffi::sqlite3_file,
    size: ffi::sqlite3_int64,
) -> c_int {
    // SAFETY: SQLite passes a file opened by x_open.
    unsafe {
        let f = ours(file);
        let Some(truncate) = methods(f.real).xTruncate else {
            return ffi::SQLITE_IOERR_TRUNCATE;
        };
        let rc = truncate(f.real, size);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        f.pending.retain(|w| w.offset < size);
        for write in &mut f.pending {
            if write.end() > size {
                let keep = usize::try_from(size - write.offset).unwrap_or(0);
                write.data.truncate(keep);
            }
        }
        ffi::SQLITE_OK
    }
}

pub(crate) unsafe extern "C" fn x_sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    // SAFETY: SQLite passes a file opened by x_open.
    unsafe {
        let f = ours(file);
        let real_methods = methods(f.real);
        let Some(write) = real_methods.xWrite else {
            return ffi::SQLITE_IOERR_WRITE;
        };
        let Some(sync) = real_methods.xSync else {
            return ffi::SQLITE_IOERR_FSYNC;
        };
        // In order, so a later write over the same bytes wins. On a failure
        // the pending writes are kept: writing them again is harmless.
        for pending in &f.pending {
            let Ok(amount) = c_int::try_from(pending.data.len()) else {
                return ffi::SQLITE_IOERR_WRITE;
            };
            let rc = write(f.real, pending.data.as_ptr().cast(), amount, pending.offset);
            if rc != ffi::SQLITE_OK {
                return rc;
            }
        }
        f.pending.clear();
        SYNCS.fetch_add(1, Ordering::Relaxed);
        sync(f.real, flags)
    }
}

pub(crate) unsafe extern "C" fn x_file_size(
    file: *mut ffi::sqlite3_file,
    out: *mut ffi::sqlite3_int64,
) -> c_int {
    // SAFETY: SQLite passes a file opened by x_open and a writable `out`.
    unsafe {
        match logical_size(ours(file)) {
            Ok(size) => {
                *out = size;
                ffi::SQLITE_OK
            }
            Err(rc) => rc,
        }
    }
}
