//! Where a backup is written, on either engine: a new file in the folder
//! the user chose, named for when it was made, never over an existing one.

use std::path::{Path, PathBuf};

use crate::error::{CoreError, CoreResult};

/// `folder/roundtable-backup-<YYYY-MM-DD-HHMM>[-n].<extension>`, the first
/// name not yet taken; refused if the folder does not exist.
pub(crate) fn new_backup_path(
    folder: &Path,
    at: chrono::DateTime<chrono::Local>,
    extension: &str,
) -> CoreResult<PathBuf> {
    if !folder.is_dir() {
        return Err(CoreError::field(
            "folder",
            "That folder does not exist. Choose another.",
        ));
    }
    let stamp = at.format("%Y-%m-%d-%H%M");
    let mut path = folder.join(format!("roundtable-backup-{stamp}.{extension}"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("roundtable-backup-{stamp}-{n}.{extension}"));
        n += 1;
    }
    Ok(path)
}
