//! The settings every connection gets, checked rather than assumed:
//! SQLCipher's cipher (set explicitly, so a different bundled default can
//! never make a file unreadable or weaker), and the per-connection pragmas
//! that durability and deletion depend on, read back after they are set.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{CoreError, CoreResult};

/// SQLCipher 4's cipher, spelled out: AES-256 with 4 KiB pages, an
/// HMAC-SHA512 on every page, and the key from the passphrase by
/// PBKDF2-HMAC-SHA512 with 256,000 iterations.
const CIPHER: [(&str, &str); 4] = [
    ("cipher_page_size", "4096"),
    ("kdf_iter", "256000"),
    ("cipher_hmac_algorithm", "HMAC_SHA512"),
    ("cipher_kdf_algorithm", "PBKDF2_HMAC_SHA512"),
];

/// Sets the cipher on a freshly keyed connection, before its first read.
pub fn cipher_settings(conn: &Connection) -> CoreResult<()> {
    Ok(cipher_settings_for(conn, None)?)
}

/// As [`cipher_settings`], for an attached database (`schema`).
pub(crate) fn cipher_settings_for(conn: &Connection, schema: Option<&str>) -> rusqlite::Result<()> {
    for (name, value) in CIPHER {
        let sql = match schema {
            Some(s) => format!("PRAGMA {s}.{name} = {value}"),
            None => format!("PRAGMA {name} = {value}"),
        };
        conn.execute_batch(&sql)?;
    }
    Ok(())
}

/// How many prepared statements a connection keeps (a few KB each): more
/// than the distinct statements of every screen together.
const STATEMENT_CACHE: usize = 512;

/// How long a write waits for another connection (e.g. a backup) before failing.
const BUSY_TIMEOUT_MS: i64 = 5_000;

/// Per-connection settings; these are not stored in the file, so they are set
/// every time a connection is opened (never in a migration), then read back:
/// a connection that did not take one of them is refused.
pub(crate) fn configure(conn: &Connection) -> CoreResult<()> {
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
    // Keep every statement the screens use prepared: at rusqlite's default
    // of 16 the cockpit alone asks more than that, each open of a case
    // evicted what the next one needed and nearly half of its time went
    // to SQLite parsing and planning the same SQL again.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // Plans never depend on the values bound (the query planner stability
    // guarantee). Without it, binding a search's words to FTS5's MATCH
    // marked the statement as one whose plan depends on them, and SQLite
    // prepared it again on every search (a fifth of a search's time); no
    // statement here relies on a bound value to pick its plan.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    check_settings(conn)
}

/// What [`configure`] must have left on the connection (SQLite's numeric
/// values: synchronous FULL is 2, temp_store MEMORY is 2).
pub const REQUIRED: [(&str, &str); 6] = [
    ("foreign_keys", "1"),
    ("journal_mode", "wal"),
    ("synchronous", "2"),
    ("busy_timeout", "5000"),
    ("secure_delete", "1"),
    ("temp_store", "2"),
];

/// Reads every required setting back; any difference is an error.
pub fn check_settings(conn: &Connection) -> CoreResult<()> {
    for (name, want) in REQUIRED {
        let got: String = conn.pragma_query_value(None, name, |r| {
            r.get::<_, rusqlite::types::Value>(0).map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t.to_lowercase(),
                other => format!("{other:?}"),
            })
        })?;
        if got != want {
            return Err(CoreError::Storage(format!(
                "the data file's setting {name} is {got}, not {want}"
            )));
        }
    }
    Ok(())
}

/// Writes a file's contents through to the disk. Opened for writing:
/// Windows flushes a file only through a handle that may write to it (read
/// only, it answers "access denied").
pub fn sync_file(path: &Path) -> CoreResult<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()?;
    Ok(())
}

/// Makes a rename or a new file in `dir` durable. A file system that cannot
/// sync a folder (it says "invalid argument" or "unsupported") is accepted:
/// nothing more can be done there.
#[cfg(not(windows))]
pub fn sync_dir(dir: &Path) -> CoreResult<()> {
    let handle = std::fs::File::open(dir)?;
    match handle.sync_all() {
        Ok(()) => Ok(()),
        Err(err)
            if err.kind() == std::io::ErrorKind::Unsupported
                || err.kind() == std::io::ErrorKind::InvalidInput =>
        {
            Ok(())
        }
        Err(err) => Err(err.into()),
    }
}

/// Windows cannot open a folder as a file to sync it, nor needs to: NTFS
/// journals a rename itself, and the file renamed was synced before it.
#[cfg(windows)]
pub fn sync_dir(dir: &Path) -> CoreResult<()> {
    let _ = dir;
    Ok(())
}
