//! The encrypted store: one SQLCipher database file per data folder.
//!
//! [`Store::open`] is the only way a connection is made: it sets the key,
//! proves the key by reading, refuses a newer schema, sets the per-connection
//! pragmas and brings the schema up to date.

mod migrations;

use std::path::Path;

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{CoreError, CoreResult};
pub use migrations::{latest_version, migrations};

pub struct Store {
    conn: Connection,
    /// Who is making changes, recorded in case histories.
    actor: String,
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
    // Reading the schema proves the key; with a wrong key SQLCipher
    // reports "file is not a database" and nothing has been written.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(KeyError::Other)?;
    Ok(())
}

/// How long a write waits for another connection (e.g. a backup) before failing.
const BUSY_TIMEOUT_MS: i64 = 5_000;

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

    /// Opens a plain, unencrypted SQLite file made by
    /// [`Store::export_unencrypted_for_benchmark`], with the same settings as
    /// the encrypted store. Only the scale benchmark uses it, to measure what
    /// encryption costs; the app never opens a file without its key.
    #[doc(hidden)]
    pub fn open_unencrypted_for_benchmark(path: &Path) -> CoreResult<Self> {
        if !path.exists() {
            return Err(CoreError::NotSetUp);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::ready(conn)
    }

    /// Writes a plain, unencrypted copy of the whole store to `path` (which
    /// must not exist), for the scale benchmark's comparison. Never used by
    /// the app: the copy holds everything in clear.
    #[doc(hidden)]
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
                    .pragma_update(Some("plain"), "user_version", latest_version())
            });
        self.conn.execute("DETACH DATABASE plain", [])?;
        Ok(exported?)
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
        configure(&conn)?;
        migrations().to_latest(&mut conn)?;
        let store = Self {
            conn,
            actor: String::from("Roundtable"),
        };
        // Anything a migration (or a raw write) left in the audit log unsealed
        // is sealed now, so the chain never has a gap.
        crate::audit::seal(&store.conn, &store.actor)?;
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
        let value = work(&tx)?;
        crate::audit::seal(&tx, &self.actor)?;
        tx.commit()?;
        Ok(value)
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
        crate::audit::seal(&tx, &self.actor)?;
        tx.commit()?;
        Ok(value)
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
        std::fs::File::open(path)?.sync_all()?;
        Ok(())
    }

    /// Moves everything in the write-ahead log into the database file and
    /// empties the log, so no old copy of a page is left in it.
    pub fn checkpoint(&self) -> CoreResult<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// Per-connection settings; these are not stored in the file, so they are set
/// every time a connection is opened (never in a migration).
fn configure(conn: &Connection) -> CoreResult<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL in WAL mode syncs the log on every commit: a power cut loses nothing
    // that was acknowledged.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "busy_timeout", BUSY_TIMEOUT_MS)?;
    // Deleted records are overwritten, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Every page read from disk is decrypted: keep up to 32 MB of decrypted
    // pages in memory (SQLite's default is 2 MB), enough for a large panel.
    conn.pragma_update(None, "cache_size", -32_768)?;
    Ok(())
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
