//! The vault: one data folder, claimed by one running app at a time, holding
//! the encrypted database. It is set up once (first run), then unlocked with
//! the passphrase and locked again.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use crate::domain::user::ValidSetup;
use crate::domain::{AppState, AppStatus, SetupInput, UserProfile, UserRole};
use crate::error::{CoreError, CoreResult};
use crate::services::now;
use crate::store::Store;

const DATABASE_FILE: &str = "roundtable.db";
const LOCK_FILE: &str = "roundtable.lock";
const SETUP_FILE: &str = "roundtable.db.setup";

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

    /// Opens the database with `passphrase`. A wrong passphrase changes nothing.
    pub fn unlock(&mut self, passphrase: &str) -> CoreResult<AppStatus> {
        if passphrase.is_empty() {
            return Err(CoreError::field("passphrase", "Enter your passphrase."));
        }
        let store = match Store::open(&self.database_path(), passphrase) {
            Err(CoreError::WrongPassphrase) => {
                return Err(CoreError::field(
                    "passphrase",
                    CoreError::WrongPassphrase.to_string(),
                ));
            }
            other => other?,
        };
        let mut store = store;
        self.user = read_user(&store)?;
        if let Some(user) = &self.user {
            store.set_actor(&user.name);
        }
        self.store = Some(store);
        Ok(self.status())
    }

    /// Closes the database; nothing of it stays in this process's memory.
    pub fn lock(&mut self) -> AppStatus {
        self.store = None;
        self.user = None;
        self.status()
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
    for suffix in ["", "-wal", "-shm", "-journal"] {
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
