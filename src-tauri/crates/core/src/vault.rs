//! The vault: one data folder, claimed by one running app at a time, holding
//! the encrypted database. It is set up once (first run), then unlocked with
//! the passphrase and locked again.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use std::io::Write;

use crate::audit;
use crate::domain::panel::DEFAULT_IDLE_LOCK_MINUTES;
use crate::domain::safety::{
    BackupInput, BackupSummary, ChangePassphraseInput, LockReason, RestoreInput,
};
use crate::domain::user::ValidSetup;
use crate::domain::{AppState, AppStatus, SetupInput, UserProfile, UserRole};
use crate::error::{CoreError, CoreResult};
use crate::services::now;
use crate::store::Store;

const DATABASE_FILE: &str = "roundtable.db";
const LOCK_FILE: &str = "roundtable.lock";
const SETUP_FILE: &str = "roundtable.db.setup";
/// A new copy of the database being made (passphrase change, restore); it
/// replaces the database by a rename, so a crash leaves one or the other.
const REPLACE_FILE: &str = "roundtable.db.replace";
/// When unlocking failed (times only), kept outside the encrypted file until
/// the next successful unlock writes them into the audit log.
const FAILED_UNLOCKS_FILE: &str = "roundtable.failed-unlocks";

pub struct Vault {
    dir: PathBuf,
    /// Held for the life of the vault: a second app on the same folder fails
    /// to take it and is told the data is already open.
    _lock: File,
    store: Option<Store>,
    user: Option<UserProfile>,
}

impl Vault {
    /// Claims `dir` (creating it) for this process.
    pub fn claim(dir: &Path) -> CoreResult<Self> {
        std::fs::create_dir_all(dir)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(CoreError::AlreadyOpen),
            Err(TryLockError::Error(err)) => return Err(err.into()),
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            _lock: lock,
            store: None,
            user: None,
        })
    }

    pub fn database_path(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    pub fn status(&self) -> AppStatus {
        let state = if self.store.is_some() {
            AppState::Unlocked
        } else if self.database_path().exists() {
            AppState::Locked
        } else {
            AppState::NeedsSetup
        };
        AppStatus {
            state,
            user: self.user.clone(),
            data_dir: self.dir.display().to_string(),
        }
    }

    /// First run: creates the encrypted database with the chosen passphrase and
    /// records who uses it. The database is built under a temporary name and
    /// renamed into place, so an interrupted setup leaves no half-made vault.
    pub fn set_up(&mut self, input: &SetupInput) -> CoreResult<AppStatus> {
        if self.database_path().exists() {
            return Err(CoreError::AlreadySetUp);
        }
        let valid = input.validate()?;
        let staging = self.dir.join(SETUP_FILE);
        remove_if_exists(&staging)?;
        let built = build_new_database(&staging, &valid);
        if let Err(err) = built {
            remove_if_exists(&staging)?;
            return Err(err);
        }
        std::fs::rename(&staging, self.database_path())?;
        self.unlock(&valid.passphrase)
    }

    /// Opens the database with `passphrase`. A wrong passphrase changes
    /// nothing in the database; the time of the attempt is noted and goes
    /// into the audit log at the next successful unlock.
    pub fn unlock(&mut self, passphrase: &str) -> CoreResult<AppStatus> {
        if passphrase.is_empty() {
            return Err(CoreError::field("passphrase", "Enter your passphrase."));
        }
        let store = match Store::open(&self.database_path(), passphrase) {
            Err(CoreError::WrongPassphrase) => {
                self.note_failed_unlock()?;
                return Err(CoreError::field(
                    "passphrase",
                    CoreError::WrongPassphrase.to_string(),
                ));
            }
            other => other?,
        };
        self.opened(store, "unlock", None)
    }

    fn opened(
        &mut self,
        mut store: Store,
        action: &str,
        detail: Option<&str>,
    ) -> CoreResult<AppStatus> {
        self.user = read_user(&store)?;
        if let Some(user) = &self.user {
            store.set_actor(&user.name);
        }
        let failures = self.failed_unlocks()?;
        store.write(|tx| {
            for at in &failures {
                audit::record_at(
                    tx,
                    at,
                    "failed unlock",
                    "session",
                    None,
                    Some("wrong passphrase"),
                )?;
            }
            audit::record(tx, action, "session", None, detail)
        })?;
        remove_if_exists(&self.dir.join(FAILED_UNLOCKS_FILE))?;
        self.store = Some(store);
        Ok(self.status())
    }

    fn note_failed_unlock(&self) -> CoreResult<()> {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join(FAILED_UNLOCKS_FILE))?;
        writeln!(file, "{}", now())?;
        file.sync_all()?;
        Ok(())
    }

    /// The times of failed unlocks not yet in the audit log (lines that are
    /// not a timestamp are ignored: the file is outside the encryption).
    fn failed_unlocks(&self) -> CoreResult<Vec<String>> {
        let text = match std::fs::read_to_string(self.dir.join(FAILED_UNLOCKS_FILE)) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(err.into()),
        };
        Ok(text
            .lines()
            .filter(|line| chrono::DateTime::parse_from_rfc3339(line.trim()).is_ok())
            .map(|line| line.trim().to_owned())
            .collect())
    }

    /// Closes the database; nothing of it stays in this process's memory.
    /// Why it locked goes into the audit log first (if that cannot be
    /// written, it locks all the same).
    pub fn lock(&mut self, reason: LockReason) -> AppStatus {
        if let Some(store) = self.store.as_mut() {
            let detail = match reason {
                LockReason::ByUser => String::from("locked by the user"),
                LockReason::Idle { minutes } => {
                    format!("locked after {minutes} minutes without input")
                }
            };
            let _ = store.write(|tx| audit::record(tx, "lock", "session", None, Some(&detail)));
        }
        self.store = None;
        self.user = None;
        self.status()
    }

    /// Minutes without input before the app locks itself: the strictest
    /// (shortest) of the active panels' settings.
    pub fn idle_lock_minutes(&mut self) -> CoreResult<u32> {
        let store = self.store()?;
        let minutes: Option<i64> = store.conn().query_row(
            "SELECT min(idle_lock_minutes) FROM panel WHERE archived_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(minutes
            .and_then(|m| u32::try_from(m).ok())
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
    }

    /// Re-encrypts everything under a new passphrase. A new copy is written
    /// with the new key and renamed over the old file, so a crash part-way
    /// leaves the old file (old passphrase) or the new one, never a mix.
    pub fn change_passphrase(&mut self, input: &ChangePassphraseInput) -> CoreResult<AppStatus> {
        input.validate()?;
        self.check_current_passphrase("current_passphrase", &input.current_passphrase)?;
        let staging = self.dir.join(REPLACE_FILE);
        remove_if_exists(&staging)?;
        {
            let store = self.store()?;
            store.write(|tx| audit::record(tx, "change passphrase", "session", None, None))?;
            store.export_copy(&staging, &input.new_passphrase)?;
        }
        self.replace_database_with(
            &staging,
            &input.new_passphrase,
            "unlock",
            Some("after the passphrase was changed"),
        )
    }

    /// Writes an encrypted copy of everything, under its own passphrase, into
    /// `input.folder`; returns the file's path. The app stays usable.
    pub fn back_up(
        &mut self,
        input: &BackupInput,
        at: chrono::DateTime<chrono::Local>,
    ) -> CoreResult<PathBuf> {
        input.validate()?;
        let folder = Path::new(input.folder.trim());
        if !folder.is_dir() {
            return Err(CoreError::field(
                "folder",
                "That folder does not exist. Choose another.",
            ));
        }
        let mut path = folder.join(format!(
            "roundtable-backup-{}.rtbackup",
            at.format("%Y-%m-%d-%H%M")
        ));
        let mut n = 2;
        while path.exists() {
            path = folder.join(format!(
                "roundtable-backup-{}-{n}.rtbackup",
                at.format("%Y-%m-%d-%H%M")
            ));
            n += 1;
        }
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let store = self.store()?;
        store.write(|tx| audit::record(tx, "backup", "backup", None, Some(&file_name)))?;
        store.export_copy(&path, &input.passphrase)?;
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
    pub fn restore(&mut self, input: &RestoreInput) -> CoreResult<(AppStatus, BackupSummary)> {
        input.validate()?;
        self.store()?;
        let file = PathBuf::from(input.file.trim());
        let summary = inspect_backup(&file, &input.backup_passphrase)?;
        self.check_current_passphrase("current_passphrase", &input.current_passphrase)?;
        let staging = self.dir.join(REPLACE_FILE);
        remove_if_exists(&staging)?;
        let prepared = (|| -> CoreResult<()> {
            std::fs::copy(&file, &staging)?;
            let conn = rusqlite::Connection::open(&staging)?;
            conn.pragma_update(None, "key", &input.backup_passphrase)?;
            conn.pragma_update(None, "rekey", &input.current_passphrase)?;
            drop(conn);
            std::fs::File::open(&staging)?.sync_all()?;
            Ok(())
        })();
        if let Err(err) = prepared {
            remove_if_exists(&staging)?;
            return Err(err);
        }
        let detail = format!(
            "restored from a backup made {}",
            summary.made_at.as_deref().unwrap_or("at an unknown time")
        );
        let status = self.replace_database_with(
            &staging,
            &input.current_passphrase,
            "restore",
            Some(&detail),
        )?;
        Ok((status, summary))
    }

    /// A passphrase typed again to confirm a change that replaces the file.
    fn check_current_passphrase(&self, field: &str, passphrase: &str) -> CoreResult<()> {
        match Store::open(&self.database_path(), passphrase) {
            Ok(_) => Ok(()),
            Err(CoreError::WrongPassphrase) => {
                self.note_failed_unlock()?;
                Err(CoreError::field(
                    field,
                    CoreError::WrongPassphrase.to_string(),
                ))
            }
            Err(err) => Err(err),
        }
    }

    /// Closes the database, renames `staging` over it and opens it again.
    fn replace_database_with(
        &mut self,
        staging: &Path,
        passphrase: &str,
        action: &str,
        detail: Option<&str>,
    ) -> CoreResult<AppStatus> {
        // Closing checkpoints the log into the old file and removes it; the
        // rename then swaps the whole file at once.
        self.store = None;
        self.user = None;
        remove_if_exists_suffixes(&self.database_path(), &["-wal", "-shm"])?;
        std::fs::rename(staging, self.database_path())?;
        sync_dir(&self.dir);
        let store = Store::open(&self.database_path(), passphrase)?;
        self.opened(store, action, detail)
    }

    pub fn store(&mut self) -> CoreResult<&mut Store> {
        let set_up = self.database_path().exists();
        match self.store.as_mut() {
            Some(store) => Ok(store),
            None if set_up => Err(CoreError::Locked),
            None => Err(CoreError::NotSetUp),
        }
    }
}

fn remove_if_exists(path: &Path) -> CoreResult<()> {
    remove_if_exists_suffixes(path, &["", "-wal", "-shm", "-journal"])
}

fn remove_if_exists_suffixes(path: &Path, suffixes: &[&str]) -> CoreResult<()> {
    for suffix in suffixes {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(PathBuf::from(name)) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

fn build_new_database(path: &Path, setup: &ValidSetup) -> CoreResult<()> {
    let mut store = Store::create(path, &setup.passphrase)?;
    store.set_actor(&setup.name);
    store.write(|tx| {
        tx.execute(
            "INSERT INTO app_user (id, name, role, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                Uuid::new_v4().to_string(),
                setup.name,
                setup.role.as_str(),
                now()
            ],
        )?;
        Ok(())
    })?;
    // Fold the log into the main file so the rename moves everything.
    store.conn().pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

fn read_user(store: &Store) -> CoreResult<Option<UserProfile>> {
    let row = store
        .conn()
        .query_row(
            "SELECT name, role FROM app_user ORDER BY created_at LIMIT 1",
            [],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
        )
        .optional()?;
    Ok(row.map(|(name, role)| UserProfile {
        name,
        role: UserRole::parse(&role).unwrap_or(UserRole::Other),
    }))
}

/// Makes a rename in `dir` durable (best effort: not every file system can).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

fn inspect_backup(file: &Path, passphrase: &str) -> CoreResult<BackupSummary> {
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
    let cases: i64 = conn
        .query_row("SELECT count(*) FROM person_case", [], |r| r.get(0))
        .map_err(|_| not_backup())?;
    let meetings: i64 = conn
        .query_row("SELECT count(*) FROM meeting", [], |r| r.get(0))
        .map_err(|_| not_backup())?;
    let has_audit: bool = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'",
        [],
        |r| r.get::<_, i64>(0),
    )? > 0;
    let mut made_at = None;
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
    }
    Ok(BackupSummary {
        file: file.display().to_string(),
        made_at,
        cases,
        meetings,
    })
}
