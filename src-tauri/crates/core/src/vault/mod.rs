//! The vault: one data folder, claimed by one running app at a time, holding
//! the encrypted database. It is set up once (first run), then unlocked with
//! the passphrase and locked again. Backups and restores: [`backup`]; trying
//! a passphrase and slowing down guesses: [`attempts`]; the idle lock:
//! [`idle`]. The audit chain's head is anchored in a file beside the database.

mod attempts;
mod backup;
mod folder_lock;
mod idle;

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use secrecy::ExposeSecret;
use uuid::Uuid;

use crate::audit::{self, AuditAnchor, AuditVerification};
use crate::domain::safety::{ChangePassphraseInput, LockReason};
use crate::domain::user::ValidSetup;
use crate::domain::{AppState, AppStatus, SetupInput, UserProfile, UserRole};
use crate::error::{CoreError, CoreResult};
use crate::store::codec::now;
use crate::store::{Store, sync_dir};

const DATABASE_FILE: &str = "roundtable.db";
const LOCK_FILE: &str = "roundtable.lock";
const SETUP_FILE: &str = "roundtable.db.setup";
/// A new copy of the database being made (passphrase change, restore); it
/// replaces the database by a rename, so a crash leaves one or the other.
pub(crate) const REPLACE_FILE: &str = "roundtable.db.replace";
/// The audit chain's head, appended now and then: one line per anchor
/// (when, entry number, hash), and a line for each restore.
const ANCHOR_FILE: &str = "roundtable.audit-anchors";

pub struct Vault {
    dir: PathBuf,
    /// Held for the life of the vault: a second app on the same folder fails
    /// to take it and is told the data is already open.
    _lock: File,
    store: Option<Store>,
    user: Option<UserProfile>,
    /// The last keyboard, pointer or wheel input the page reported.
    last_input: Option<Instant>,
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
        if !folder_lock::try_lock_exclusive(&lock)? {
            return Err(CoreError::AlreadyOpen);
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            _lock: lock,
            store: None,
            user: None,
            last_input: None,
        })
    }

    /// The file beside the database where the audit chain's head is anchored.
    pub fn anchor_file(&self) -> PathBuf {
        self.dir.join(ANCHOR_FILE)
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
        sync_dir(&self.dir)?;
        self.unlock(valid.passphrase.expose_secret())
    }

    /// Opens the database with `passphrase`. A wrong passphrase changes
    /// nothing in the database; the time of the attempt is noted, slows the
    /// next attempts down, and goes into the audit log at the next unlock.
    pub fn unlock(&mut self, passphrase: &str) -> CoreResult<AppStatus> {
        self.unlock_at(passphrase, Utc::now())
    }

    /// As [`Vault::unlock`], at `now` (tests set the clock).
    pub fn unlock_at(&mut self, passphrase: &str, now: DateTime<Utc>) -> CoreResult<AppStatus> {
        if passphrase.is_empty() {
            return Err(CoreError::field("passphrase", "Enter your passphrase."));
        }
        let store = self.try_passphrase("passphrase", passphrase, now)?;
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
        store.anchor_to(self.anchor_file())?;
        remove_if_exists(&self.dir.join(attempts::FAILED_UNLOCKS_FILE))?;
        self.store = Some(store);
        self.last_input = Some(Instant::now());
        Ok(self.status())
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
            let _ = store.anchor_now();
        }
        self.store = None;
        self.user = None;
        self.last_input = None;
        self.status()
    }

    /// Verifies the audit log against every anchor in the anchor file and,
    /// if given, one the user noted down (typed as printed); records that it
    /// was verified and anchors the head again.
    pub fn verify_audit_log(&mut self, noted: &str) -> CoreResult<AuditVerification> {
        let mut anchors = audit::read(&self.anchor_file())?;
        if !noted.trim().is_empty() {
            anchors.push(AuditAnchor::parse(noted)?);
        }
        let store = self.store()?;
        let result = audit::verify_against(store.conn(), &anchors)?;
        let detail = match result.first_bad_seq {
            None => format!(
                "intact ({} entries, {} anchors)",
                result.entries, result.anchors_checked
            ),
            Some(seq) => format!("NOT intact: first bad entry {seq}"),
        };
        store.write(|tx| audit::record(tx, "verify", "audit_log", None, Some(&detail)))?;
        if result.intact {
            store.anchor_now()?;
        }
        Ok(result)
    }

    /// The audit chain's head now, to show and to note down.
    pub fn audit_head(&mut self) -> CoreResult<Option<AuditAnchor>> {
        audit::head(self.store()?.conn())
    }

    /// Re-encrypts everything under a new passphrase. A new copy is written
    /// with the new key and renamed over the old file, so a crash part-way
    /// leaves the old file (old passphrase) or the new one, never a mix.
    pub fn change_passphrase(&mut self, input: &ChangePassphraseInput) -> CoreResult<AppStatus> {
        input.validate()?;
        self.check_current_passphrase(
            "current_passphrase",
            input.current_passphrase.expose_secret(),
        )?;
        let staging = self.dir.join(REPLACE_FILE);
        remove_if_exists(&staging)?;
        {
            let store = self.store()?;
            store.write(|tx| audit::record(tx, "change passphrase", "session", None, None))?;
            store.export_copy(&staging, input.new_passphrase.expose_secret())?;
        }
        self.replace_database_with(
            &staging,
            input.new_passphrase.expose_secret(),
            "unlock",
            Some("after the passphrase was changed"),
        )
    }

    /// A passphrase typed again to confirm a change that replaces the file.
    pub(crate) fn check_current_passphrase(&self, field: &str, passphrase: &str) -> CoreResult<()> {
        self.try_passphrase(field, passphrase, Utc::now())
            .map(|_| ())
    }

    /// Closes the database, renames `staging` over it and opens it again.
    pub(crate) fn replace_database_with(
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
        sync_dir(&self.dir)?;
        let store = Store::open(&self.database_path(), passphrase)?;
        self.opened(store, action, detail)
    }

    /// The unlocked store, or "locked" (also once the idle time has passed
    /// without input: the vault locks itself first).
    pub fn store(&mut self) -> CoreResult<&mut Store> {
        self.store_at(Instant::now())
    }

    /// As [`Vault::store`], at `now` (tests set the clock).
    pub fn store_at(&mut self, now: Instant) -> CoreResult<&mut Store> {
        self.lock_if_idle(now)?;
        let set_up = self.database_path().exists();
        match self.store.as_mut() {
            Some(store) => Ok(store),
            None if set_up => Err(CoreError::Locked),
            None => Err(CoreError::NotSetUp),
        }
    }
}

pub(crate) fn remove_if_exists(path: &Path) -> CoreResult<()> {
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
    let mut store = Store::create(path, setup.passphrase.expose_secret())?;
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
