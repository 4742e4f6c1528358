//! Copies of the whole store: an encrypted copy (backups, passphrase
//! changes), and a plain copy for the scale benchmark only (never in a shipped
//! build: behind the `test-support` feature); and emptying the
//! write-ahead log where the README promises it (retention deletions).

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::Store;
use super::settings::{cipher_settings_for, sync_dir, sync_file};
use crate::error::{CoreError, CoreResult};

/// The write-ahead log's path for the main database of `conn`.
fn wal_path(conn: &Connection) -> Option<PathBuf> {
    let main = conn.path().filter(|p| !p.is_empty())?;
    Some(PathBuf::from(format!("{main}-wal")))
}

impl Store {
    /// Opens a plain, unencrypted SQLite file made by
    /// [`Store::export_unencrypted_for_benchmark`], with the same settings as
    /// the encrypted store. Only the scale benchmark uses it, to measure what
    /// encryption costs; the app never opens a file without its key.
    #[cfg(feature = "test-support")]
    pub fn open_unencrypted_for_benchmark(path: &Path) -> CoreResult<Self> {
        if !path.exists() {
            return Err(CoreError::NotSetUp);
        }
        use rusqlite::OpenFlags;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::ready(conn)
    }

    /// Writes a plain, unencrypted copy of the whole store to `path` (which
    /// must not exist), for the scale benchmark's comparison. Never used by
    /// the app: the copy holds everything in clear.
    #[cfg(feature = "test-support")]
    pub fn export_unencrypted_for_benchmark(&self, path: &Path) -> CoreResult<()> {
        if path.exists() {
            return Err(CoreError::AlreadySetUp);
        }
        let target = path
            .to_str()
            .ok_or_else(|| CoreError::Io("the copy's path is not valid UTF-8".into()))?;
        // The store's connection may not create files: an empty file is an
        // empty database, which it can attach and fill.
        std::fs::File::create(path).map_err(|e| CoreError::Io(e.to_string()))?;
        self.conn
            .execute("ATTACH DATABASE ?1 AS plain KEY ''", [target])?;
        let exported = self
            .conn
            .query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))
            .and_then(|()| {
                self.conn
                    .pragma_update(Some("plain"), "user_version", super::latest_version())
            });
        self.conn.execute("DETACH DATABASE plain", [])?;
        Ok(exported?)
    }

    /// Writes a consistent copy of the whole database to `path` (which must not
    /// exist yet), encrypted with `passphrase`, at this schema version, and
    /// syncs it to disk. The store stays open and usable throughout.
    pub fn export_copy(&self, path: &Path, passphrase: &str) -> CoreResult<()> {
        if path.exists() {
            return Err(CoreError::Io(format!(
                "{} is already there; choose another name",
                path.display()
            )));
        }
        let name = path
            .to_str()
            .ok_or_else(|| CoreError::Io("the file name cannot be used".into()))?;
        // The store's connection may not create files (it opens an existing
        // database), so the copy starts as an empty file made here.
        std::fs::File::create_new(path)?;
        self.conn.execute(
            "ATTACH DATABASE ?1 AS export_copy KEY ?2",
            rusqlite::params![name, passphrase],
        )?;
        let exported = (|| -> CoreResult<()> {
            // The copy's key is derived on first use: set its cipher first.
            cipher_settings_for(&self.conn, Some("export_copy"))?;
            self.conn
                .query_row("SELECT sqlcipher_export('export_copy')", [], |_| Ok(()))?;
            let version: i64 = self
                .conn
                .pragma_query_value(None, "user_version", |r| r.get(0))?;
            self.conn
                .pragma_update(Some("export_copy"), "user_version", version)?;
            Ok(())
        })();
        let detached = self.conn.execute("DETACH DATABASE export_copy", []);
        if let Err(err) = exported.and(detached.map(|_| ()).map_err(CoreError::from)) {
            let _ = std::fs::remove_file(path);
            return Err(err);
        }
        sync_file(path)?;
        if let Some(folder) = path.parent() {
            sync_dir(folder)?;
        }
        Ok(())
    }

    /// Moves everything in the write-ahead log into the database file and
    /// empties the log, so no old copy of a page is left in it.
    /// Fails unless the checkpoint ran to the end (another reader can keep
    /// it from copying every frame or from truncating the log).
    pub fn checkpoint(&self) -> CoreResult<()> {
        let (busy, log_frames, checkpointed): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        let wal = wal_path(&self.conn);
        let left = wal
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .map_or(0, |m| m.len());
        if busy != 0 || log_frames != checkpointed || left != 0 {
            return Err(CoreError::Storage(format!(
                "the write-ahead log could not be emptied (busy {busy}, {checkpointed} of {log_frames} pages moved, {left} bytes left); close other Roundtable windows and try again"
            )));
        }
        Ok(())
    }
}
