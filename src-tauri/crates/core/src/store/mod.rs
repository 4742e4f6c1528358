//! The encrypted store: one SQLCipher database file per data folder.
//!
//! [`Store::open`] is the only way a connection is made: it sets the key,
//! proves the key by reading, refuses a newer schema, sets the per-connection
//! pragmas and brings the schema up to date.

mod backup_file;
pub mod codec;
mod copies;
mod engine;
mod migrations;
pub mod pg;
mod settings;
pub mod sql;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{CoreError, CoreResult};
pub(crate) use backup_file::new_backup_path;
pub use engine::Engine;
pub use migrations::{latest_version, migrations};
pub use settings::{REQUIRED, check_settings, cipher_settings, sync_dir, sync_file};

/// How often, at most, a write appends the chain's head to the anchor file
/// (locks, exports, backups and verification anchor it at once).
const ANCHOR_EVERY: Duration = Duration::from_secs(30);

pub struct Store {
    conn: Connection,
    /// Who is making changes, recorded in case histories.
    actor: String,
    /// Where the audit chain's head is anchored outside the database.
    anchor_file: Option<PathBuf>,
    last_anchored: Option<Instant>,
}

static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// How often keying is retried while SQLCipher finishes its process-wide set-up.
const KEY_RETRIES: u32 = 10;

enum KeyError {
    /// `PRAGMA key` itself failed: SQLCipher was not ready (a wrong key never
    /// fails here, only on the first read).
    NotReady(rusqlite::Error),
    Other(rusqlite::Error),
}

/// Keys a fresh connection and proves the key by reading the schema.
fn key(conn: &Connection, passphrase: &str) -> Result<(), KeyError> {
    // A wrong passphrase is an expected event, reported to the user;
    // keep SQLCipher from also printing it to the terminal.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")
        .map_err(KeyError::Other)?;
    conn.pragma_update(None, "key", passphrase)
        .map_err(KeyError::NotReady)?;
    settings::cipher_settings_for(conn, None).map_err(KeyError::Other)?;
    // Reading the schema proves the key; with a wrong key SQLCipher
    // reports "file is not a database" and nothing has been written.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(KeyError::Other)?;
    Ok(())
}

impl Store {
    /// Opens an existing database with `passphrase`. A wrong passphrase returns
    /// [`CoreError::WrongPassphrase`] and writes nothing to disk.
    pub fn open(path: &Path, passphrase: &str) -> CoreResult<Self> {
        if !path.exists() {
            return Err(CoreError::NotSetUp);
        }
        Self::open_with(path, passphrase, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    /// Creates a new encrypted database at `path` (which must not exist).
    pub fn create(path: &Path, passphrase: &str) -> CoreResult<Self> {
        if path.exists() {
            return Err(CoreError::AlreadySetUp);
        }
        Self::open_with(
            path,
            passphrase,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    }

    fn open_with(path: &Path, passphrase: &str, flags: OpenFlags) -> CoreResult<Self> {
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = {
            // SQLite marks itself initialised before SQLCipher's own set-up has
            // finished, so a connection opened on a second thread at that
            // moment cannot be keyed ("An error occurred with PRAGMA key").
            // Opening and keying under one lock closes that window for our
            // connections; the retry covers a connection opened elsewhere.
            let _one_at_a_time = KEYING
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let mut attempt = 0;
            loop {
                let conn = Connection::open_with_flags(path, flags)?;
                match key(&conn, passphrase) {
                    Ok(()) => break conn,
                    Err(KeyError::NotReady(_)) if attempt < KEY_RETRIES => {
                        attempt += 1;
                        drop(conn);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                    Err(KeyError::NotReady(e) | KeyError::Other(e)) => return Err(e.into()),
                }
            }
        };
        Self::ready(conn)
    }

    /// Refuses a newer schema, sets the per-connection settings and brings
    /// the schema up to date.
    fn ready(mut conn: Connection) -> CoreResult<Self> {
        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let known = latest_version();
        if found > known {
            return Err(CoreError::NewerSchema { found, known });
        }
        settings::configure(&conn)?;
        let has_log: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'audit_log'",
            [],
            |r| r.get(0),
        )?;
        let before = if has_log {
            crate::audit::last_seq(&conn)?
        } else {
            0
        };
        migrations().to_latest(&mut conn)?;
        let store = Self {
            conn,
            actor: String::from("Roundtable"),
            anchor_file: None,
            last_anchored: None,
        };
        // What the migrations just logged is sealed now. An unsealed entry
        // from before them was written behind the app's back: it stays
        // unsealed, so verifying names it.
        crate::audit::seal(&store.conn, &store.actor, before)?;
        Ok(store)
    }

    /// Names the person making changes from now on (the unlocked user).
    pub fn set_actor(&mut self, name: &str) {
        name.clone_into(&mut self.actor);
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Reads go through plain functions on the connection.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one immediate transaction: all of it is committed, or none.
    pub fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let after = crate::audit::last_seq(&tx)?;
        let value = work(&tx)?;
        crate::audit::seal(&tx, &self.actor, after)?;
        tx.commit()?;
        self.anchor_if_due();
        Ok(value)
    }

    /// From now on, anchor the audit chain's head in `file` (beside the
    /// database): at once, then after writes at most every 30 seconds.
    pub fn anchor_to(&mut self, file: PathBuf) -> CoreResult<()> {
        self.anchor_file = Some(file);
        self.anchor_now().map(|_| ())
    }

    /// Appends the chain's head to the anchor file now; returns it.
    pub fn anchor_now(&mut self) -> CoreResult<Option<crate::audit::AuditAnchor>> {
        let head = crate::audit::head(&self.conn)?;
        if let (Some(file), Some(anchor)) = (&self.anchor_file, &head) {
            crate::audit::append(file, anchor, &crate::store::codec::now())?;
            self.last_anchored = Some(Instant::now());
        }
        Ok(head)
    }

    /// After a committed write: anchor if the last anchor is old. A failure
    /// here is not the write's failure (it was committed), so it is not
    /// reported; the next anchor tries again.
    fn anchor_if_due(&mut self) {
        if self.anchor_file.is_some()
            && self
                .last_anchored
                .is_none_or(|at| at.elapsed() >= ANCHOR_EVERY)
        {
            let _ = self.anchor_now();
        }
    }

    /// Runs a bulk load (the scale benchmark's generated borough) in one
    /// transaction with the per-row audit triggers set aside, and logs it as
    /// one audit entry instead: hundreds of thousands of generated rows are
    /// not individual edits. The triggers are dropped and re-created inside
    /// the same transaction, so no other write can ever run without them.
    pub fn write_bulk_unaudited<T>(
        &mut self,
        description: &str,
        work: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let after = crate::audit::last_seq(&tx)?;
        let triggers: Vec<(String, String)> = {
            let mut stmt = tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
                   AND name LIKE 'audit^_%' ESCAPE '^' AND name NOT LIKE 'audit^_log^_%' ESCAPE '^'",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for (name, _) in &triggers {
            tx.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
        }
        let value = work(&tx)?;
        for (_, sql) in &triggers {
            tx.execute_batch(sql)?;
        }
        crate::audit::record(&tx, "bulk load", "database", None, Some(description))?;
        crate::audit::seal(&tx, &self.actor, after)?;
        tx.commit()?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_is_migrated_and_configured() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::create(&path, "correct horse battery").unwrap();
        let version: i64 = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            version,
            latest_version(),
            "a new database is at the latest schema"
        );
        let fk: i64 = store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys are enforced");
        let mode: String = store
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "the database uses write-ahead logging");
    }

    #[test]
    fn a_wrong_passphrase_is_refused_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::create(&path, "correct horse battery").unwrap());
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, "wrong horse battery").err().unwrap();
        assert!(matches!(err, CoreError::WrongPassphrase), "got {err:?}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the file is unchanged"
        );
        assert!(
            !dir.path().join("t.db-wal").exists(),
            "no log file is left behind by a failed unlock"
        );
        assert!(Store::open(&path, "correct horse battery").is_ok());
    }

    #[test]
    fn a_newer_schema_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::create(&path, "correct horse battery").unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        drop(store);
        let err = Store::open(&path, "correct horse battery").err().unwrap();
        assert!(matches!(err, CoreError::NewerSchema { .. }), "got {err:?}");
        assert!(err.to_string().contains("newer version of Roundtable"));
    }
}
