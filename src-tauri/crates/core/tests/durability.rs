//! What the durability and "nothing in clear on disk" promises rest on,
//! tested so that each can fail: the per-connection settings are read back
//! (synchronous=FULL above all), a checkpoint that could not empty the
//! write-ahead log says so, and the file, its live write-ahead log and its
//! shared-memory index hold no readable text while the app is open (with a
//! control: the same reader finds the text in an unencrypted store).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::panels;
use roundtable_core::store::{REQUIRED, check_settings};
use roundtable_core::{CoreError, Store};

const PASSPHRASE: &str = "violet harbour kettle";
const SECRET_NAME: &str = "Quillfeather Exploitation Panel";

#[test]
fn every_connection_has_its_settings_read_back_and_a_weaker_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("t.db"), PASSPHRASE).unwrap();
    check_settings(store.conn()).unwrap();
    for (name, want) in REQUIRED {
        let conn = rusqlite::Connection::open(dir.path().join(format!("{name}.db"))).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;",
        )
        .unwrap();
        check_settings(&conn).unwrap();
        let weaker = match name {
            "journal_mode" => "DELETE",
            "busy_timeout" => "0",
            _ => "0",
        };
        conn.execute_batch(&format!("PRAGMA {name} = {weaker};"))
            .unwrap();
        let err = check_settings(&conn).unwrap_err();
        assert!(
            err.to_string().contains(name),
            "{name} other than {want} is refused: {err}"
        );
    }
}

fn panel(store: &mut Store, name: &str) {
    let mut input = PanelInput::defaults(PanelKind::Mace);
    input.name = name.into();
    panels::create(store, &input).unwrap();
}

#[test]
fn a_checkpoint_that_cannot_empty_the_log_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut store = Store::create(&path, PASSPHRASE).unwrap();
    panel(&mut store, "Riverside MARAC");
    store.checkpoint().unwrap();
    // Another reader holds an old snapshot: the log cannot be emptied.
    let reader = Store::open(&path, PASSPHRASE).unwrap();
    reader
        .conn()
        .execute_batch("BEGIN; SELECT count(*) FROM panel;")
        .unwrap();
    panel(&mut store, SECRET_NAME);
    let err = store.checkpoint().unwrap_err();
    assert!(matches!(err, CoreError::Storage(_)), "{err:?}");
    assert!(err.to_string().contains("could not be emptied"), "{err}");
    reader.conn().execute_batch("COMMIT;").unwrap();
    store.checkpoint().unwrap();
    let wal = std::fs::metadata(dir.path().join("t.db-wal"))
        .unwrap()
        .len();
    assert_eq!(wal, 0, "once the reader is gone the log is emptied");
}

/// Every byte of the database, its write-ahead log and its index, as found
/// on disk right now.
fn on_disk(path: &Path) -> String {
    let mut bytes = std::fs::read(path).unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(more) = std::fs::read(&name) {
            bytes.extend(more);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn wal_len(path: &Path) -> u64 {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    std::fs::metadata(name).map_or(0, |m| m.len())
}

#[test]
fn nothing_is_readable_on_disk_while_the_app_is_open_with_a_live_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut store = Store::create(&path, PASSPHRASE).unwrap();
    store.checkpoint().unwrap();
    panel(&mut store, SECRET_NAME);
    assert!(wal_len(&path) > 0, "the change is still in the live log");
    let haystack = on_disk(&path);
    for needle in [
        SECRET_NAME,
        "SQLite format 3",
        "CREATE TABLE",
        "OFFICIAL-SENSITIVE",
    ] {
        assert!(!haystack.contains(needle), "found {needle:?} on disk");
    }

    // Control: the same check on an unencrypted copy with a live log finds
    // the name, so the check above can fail.
    let plain = dir.path().join("plain.db");
    store.export_unencrypted_for_benchmark(&plain).unwrap();
    drop(store);
    let mut plain_store = Store::open_unencrypted_for_benchmark(&plain).unwrap();
    plain_store.checkpoint().unwrap();
    panel(&mut plain_store, "Brightwater Concern Hub");
    assert!(wal_len(&plain) > 0);
    assert!(on_disk(&plain).contains("Brightwater Concern Hub"));
}
