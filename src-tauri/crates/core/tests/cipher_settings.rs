//! The cipher is set explicitly on every connection Roundtable makes, so the
//! file stays SQLCipher 4's (PBKDF2-HMAC-SHA512 with 256,000 rounds, 4 KiB
//! pages, HMAC-SHA512) whatever defaults the bundled SQLCipher has. Its own
//! test binary: it changes SQLCipher's process-wide defaults, as a different
//! build or a future version could.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use roundtable_core::Store;
use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::panels;

const PASSPHRASE: &str = "violet harbour kettle";

/// Opens `path` as any SQLCipher 4 tool would, and counts its panels.
fn panels_read_as_sqlcipher_4(path: &Path, passphrase: &str) -> rusqlite::Result<i64> {
    let conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "key", passphrase)?;
    conn.execute_batch("PRAGMA cipher_compatibility = 4;")?;
    conn.query_row("SELECT count(*) FROM panel", [], |r| r.get(0))
}

#[test]
fn files_and_backups_keep_sqlcipher_4s_cipher_whatever_the_defaults() {
    // Weaker defaults, process-wide, before anything is opened.
    rusqlite::Connection::open_in_memory()
        .unwrap()
        .execute_batch(
            "PRAGMA cipher_default_kdf_iter = 4000; PRAGMA cipher_default_page_size = 1024;",
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let backup = dir.path().join("t.rtbackup");
    {
        let mut store = Store::create(&path, PASSPHRASE).unwrap();
        let mut input = PanelInput::defaults(PanelKind::Marac);
        input.name = "Riverside MARAC".into();
        panels::create(&mut store, &input).unwrap();
        store
            .export_copy(&backup, "backup only passphrase")
            .unwrap();
        let kdf: String = store
            .conn()
            .pragma_query_value(None, "kdf_iter", |r| r.get(0))
            .unwrap();
        assert_eq!(kdf, "256000", "the store's own connection");
    }
    assert_eq!(
        panels_read_as_sqlcipher_4(&path, PASSPHRASE).unwrap(),
        1,
        "the data file is SQLCipher 4's"
    );
    assert_eq!(
        panels_read_as_sqlcipher_4(&backup, "backup only passphrase").unwrap(),
        1,
        "the backup is SQLCipher 4's"
    );
    assert!(Store::open(&path, PASSPHRASE).is_ok(), "and it opens again");
}
