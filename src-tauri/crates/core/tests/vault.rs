//! First run, unlock, lock, the single-instance lock and encryption at rest,
//! through the same `Vault` the app's commands use.

// Test helpers may unwrap and panic: a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_core::domain::{AppState, PanelInput, PanelKind, SetupInput, UserRole};
use roundtable_core::features::panels;
use roundtable_core::{CoreError, ErrorCode, Vault};

const PASSPHRASE: &str = "violet harbour kettle";

fn setup_input() -> SetupInput {
    SetupInput {
        passphrase: PASSPHRASE.into(),
        confirm_passphrase: PASSPHRASE.into(),
        name: "Yusuf Ali".into(),
        role: Some(UserRole::Coordinator),
    }
}

#[test]
fn first_run_then_lock_then_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::claim(dir.path()).unwrap();
    assert_eq!(
        vault.status().state,
        AppState::NeedsSetup,
        "a new folder needs setting up"
    );
    assert!(matches!(vault.store(), Err(CoreError::NotSetUp)));

    let status = vault.set_up(&setup_input()).unwrap();
    assert_eq!(
        status.state,
        AppState::Unlocked,
        "setup leaves the app unlocked"
    );
    assert_eq!(
        status.user.as_ref().map(|u| u.name.as_str()),
        Some("Yusuf Ali")
    );
    assert!(
        !dir.path().join("roundtable.db.setup").exists(),
        "the staging file is renamed into place"
    );
    assert!(matches!(
        vault.set_up(&setup_input()),
        Err(CoreError::AlreadySetUp)
    ));

    assert_eq!(
        vault
            .lock(roundtable_core::domain::safety::LockReason::ByUser)
            .state,
        AppState::Locked
    );
    assert!(
        matches!(vault.store(), Err(CoreError::Locked)),
        "a locked vault gives no store"
    );

    let status = vault.unlock(PASSPHRASE).unwrap();
    assert_eq!(status.state, AppState::Unlocked);
    assert_eq!(status.user.unwrap().role, UserRole::Coordinator);
}

#[test]
fn wrong_passphrase_shows_beside_the_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::claim(dir.path()).unwrap();
    vault.set_up(&setup_input()).unwrap();
    vault.lock(roundtable_core::domain::safety::LockReason::ByUser);
    let db = dir.path().join("roundtable.db");
    let before = std::fs::read(&db).unwrap();

    let err = vault.unlock("violet harbour kettles").unwrap_err();
    let api = roundtable_core::ApiError::from(err);
    assert_eq!(api.code, ErrorCode::Validation);
    assert_eq!(
        api.fields[0].field, "passphrase",
        "the error belongs to the passphrase field"
    );
    assert!(
        api.message.contains("passphrase is not right"),
        "{}",
        api.message
    );

    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a failed unlock leaves the file as it was"
    );
    assert_eq!(vault.status().state, AppState::Locked);
    assert!(
        vault.unlock(PASSPHRASE).is_ok(),
        "the right passphrase still works"
    );
}

#[test]
fn a_second_app_on_the_same_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = Vault::claim(dir.path()).unwrap();
    let second = Vault::claim(dir.path());
    assert!(
        matches!(second, Err(CoreError::AlreadyOpen)),
        "two apps must never share a database"
    );
    assert!(
        CoreError::AlreadyOpen.to_string().contains("already open"),
        "the message says what is wrong"
    );
    drop(first);
    assert!(
        Vault::claim(dir.path()).is_ok(),
        "the folder is free once the first app closes"
    );
}

#[test]
fn the_file_holds_no_readable_text_without_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::claim(dir.path()).unwrap();
    vault.set_up(&setup_input()).unwrap();
    let mut input = PanelInput::defaults(PanelKind::Mace);
    input.name = "Quillfeather Exploitation Panel".into();
    panels::create(vault.store().unwrap(), &input).unwrap();
    vault.lock(roundtable_core::domain::safety::LockReason::ByUser);

    let mut bytes = std::fs::read(dir.path().join("roundtable.db")).unwrap();
    for suffix in ["-wal", "-shm"] {
        if let Ok(more) = std::fs::read(dir.path().join(format!("roundtable.db{suffix}"))) {
            bytes.extend(more);
        }
    }
    let haystack = String::from_utf8_lossy(&bytes);
    for needle in [
        "SQLite format 3",
        "Quillfeather",
        "Yusuf Ali",
        "OFFICIAL-SENSITIVE",
        "CREATE TABLE",
    ] {
        assert!(
            !haystack.contains(needle),
            "found {needle:?} in plain text on disk"
        );
    }

    // Plain SQLite (no key) cannot read it either.
    let conn = rusqlite::Connection::open(dir.path().join("roundtable.db")).unwrap();
    let read = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    assert!(read.is_err(), "the file must not open without the key");
}
