//! Backups and restores. A backup is an encrypted copy under its own
//! passphrase; a restore copies the chosen file into the data folder first
//! and checks *that copy*, so what replaces the data is exactly what was
//! checked (the file the user chose may change after it was read).

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use secrecy::ExposeSecret;

use super::{REPLACE_FILE, Vault, remove_if_exists};
use crate::audit::{self, AuditAnchor};
use crate::domain::AppStatus;
use crate::domain::safety::{BackupInput, BackupSummary, RestoreInput};
use crate::error::{CoreError, CoreResult};
use crate::store::sync_dir;

impl Vault {
    /// Writes an encrypted copy of everything, under its own passphrase, into
    /// `folder` (exactly as given: the caller has resolved and checked it);
    /// returns the file's path. The app stays usable.
    pub fn back_up(
        &mut self,
        folder: &Path,
        input: &BackupInput,
        at: chrono::DateTime<chrono::Local>,
    ) -> CoreResult<PathBuf> {
        input.validate()?;
        let path = crate::store::new_backup_path(folder, at, "rtbackup")?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let store = self.store()?;
        store.write(|tx| audit::record(tx, "backup", "backup", None, Some(&file_name)))?;
        store.export_copy(&path, input.passphrase.expose_secret())?;
        sync_dir(folder)?;
        store.anchor_now()?;
        Ok(path)
    }

    /// Opens a backup file read-only with its passphrase and checks it is
    /// whole, is Roundtable's, is not from a newer version, and its audit log
    /// is intact. Nothing is changed anywhere.
    pub fn inspect_backup(file: &Path, passphrase: &str) -> CoreResult<BackupSummary> {
        inspect_backup(file, passphrase)
    }

    /// Replaces all data with a backup's, after checking the backup (and
    /// the current passphrase). The restored data keeps the current passphrase.
    pub fn restore(
        &mut self,
        file: &Path,
        input: &RestoreInput,
    ) -> CoreResult<(AppStatus, BackupSummary)> {
        input.validate()?;
        self.store()?;
        if !file.is_file() {
            return Err(CoreError::field(
                "file",
                "That file cannot be found. Choose it again.",
            ));
        }
        let staging = self.dir.join(REPLACE_FILE);
        remove_if_exists(&staging)?;
        let checked = (|| -> CoreResult<BackupSummary> {
            std::fs::copy(file, &staging)?;
            let mut summary = inspect_backup(&staging, input.backup_passphrase.expose_secret())?;
            summary.file = file.display().to_string();
            self.check_current_passphrase(
                "current_passphrase",
                input.current_passphrase.expose_secret(),
            )?;
            let conn = rusqlite::Connection::open(&staging)?;
            conn.pragma_update(None, "key", input.backup_passphrase.expose_secret())?;
            crate::store::cipher_settings(&conn)?;
            conn.pragma_update(None, "rekey", input.current_passphrase.expose_secret())?;
            drop(conn);
            crate::store::sync_file(&staging)?;
            Ok(summary)
        })();
        let summary = match checked {
            Ok(summary) => summary,
            Err(err) => {
                remove_if_exists(&staging)?;
                return Err(err);
            }
        };
        // The data being replaced: its head goes into the restore's audit
        // entry and the anchor file, which from here on anchors the
        // restored chain instead.
        let replaced = self.audit_head()?;
        let replaced_text = replaced.as_ref().map_or_else(
            || "an empty audit log".to_owned(),
            |h| format!("an audit log ending at {}", h.short()),
        );
        audit::append_restore(
            &self.anchor_file(),
            replaced.as_ref(),
            &crate::store::codec::now(),
        )?;
        let detail = format!(
            "restored from a backup made {} (backup's log at {}); replaced data with {replaced_text}",
            summary.made_at.as_deref().unwrap_or("at an unknown time"),
            summary
                .head
                .as_ref()
                .map_or_else(|| "no entries".to_owned(), AuditAnchor::short),
        );
        let status = self.replace_database_with(
            &staging,
            input.current_passphrase.expose_secret(),
            "restore",
            Some(&detail),
        )?;
        Ok((status, summary))
    }
}

/// Opens a backup read-only with its passphrase, checked whole and no newer
/// than this Roundtable knows.
fn open_backup(file: &Path, passphrase: &str) -> CoreResult<rusqlite::Connection> {
    let not_backup = || {
        CoreError::field(
            "file",
            "That file is not a Roundtable backup, or it is damaged. Nothing was changed.",
        )
    };
    if !file.is_file() {
        return Err(CoreError::field(
            "file",
            "That file cannot be found. Choose it again.",
        ));
    }
    if passphrase.is_empty() {
        return Err(CoreError::field(
            "backup_passphrase",
            "Enter the backup's passphrase.",
        ));
    }
    let conn = rusqlite::Connection::open_with_flags(
        file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| not_backup())?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.pragma_update(None, "key", passphrase)?;
    crate::store::cipher_settings(&conn)?;
    if conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_err()
    {
        return Err(CoreError::field(
            "backup_passphrase",
            "That passphrase does not open this backup (or the file is not a Roundtable backup). Nothing was changed.",
        ));
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| not_backup())?;
    if integrity != "ok" {
        return Err(not_backup());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = crate::store::latest_version();
    if version > known {
        return Err(CoreError::NewerSchema {
            found: version,
            known,
        });
    }
    Ok(conn)
}

fn inspect_backup(file: &Path, passphrase: &str) -> CoreResult<BackupSummary> {
    let not_backup = || {
        CoreError::field(
            "file",
            "That file is not a Roundtable backup, or it is damaged. Nothing was changed.",
        )
    };
    let conn = open_backup(file, passphrase)?;
    let count = |table: &str| -> CoreResult<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| not_backup())
    };
    let cases = count("person_case")?;
    let meetings = count("meeting")?;
    let has_audit: bool = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'",
        [],
        |r| r.get::<_, i64>(0),
    )? > 0;
    let mut made_at = None;
    let mut head = None;
    if has_audit {
        let check = audit::verify(&conn)?;
        if !check.intact {
            return Err(CoreError::field(
                "file",
                format!(
                    "This backup has been altered since it was made ({}). Nothing was changed.",
                    check.message
                ),
            ));
        }
        made_at = conn
            .query_row(
                "SELECT at FROM audit_log WHERE action = 'backup' ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        head = audit::head(&conn)?;
    }
    Ok(BackupSummary {
        file: file.display().to_string(),
        made_at,
        cases,
        meetings,
        head,
    })
}
