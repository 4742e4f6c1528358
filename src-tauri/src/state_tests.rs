//! The one path check every command makes, and what a locked app refuses.

use std::path::Path;

use roundtable_core::ErrorCode;
use roundtable_core::domain::safety::LockReason;
use roundtable_core::domain::{SetupInput, UserRole};

use super::AppState;

fn unlocked(data: &Path) -> AppState {
    let state = AppState::claim(data);
    state
        .with_vault(|vault| {
            vault.set_up(&SetupInput {
                passphrase: "violet harbour kettle".into(),
                confirm_passphrase: "violet harbour kettle".into(),
                name: "Yusuf Ali".into(),
                role: Some(UserRole::Coordinator),
            })
        })
        .unwrap();
    state
}

#[test]
fn only_an_existing_granted_path_exactly_as_given_is_accepted() {
    let root = tempfile::tempdir().unwrap();
    let state = unlocked(&root.path().join("data"));
    let granted = root.path().join("granted");
    let other = root.path().join("ungranted");
    std::fs::create_dir_all(&granted).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("minutes.pdf"), b"%PDF").unwrap();
    std::os::unix::fs::symlink(&other, granted.join("link")).unwrap();
    std::os::unix::fs::symlink(other.join("minutes.pdf"), granted.join("minutes.pdf")).unwrap();
    state.grant(&granted);

    let ok = state
        .granted(&granted.display().to_string(), "folder")
        .unwrap();
    assert_eq!(
        ok,
        granted.canonicalize().unwrap(),
        "the resolved path is handed on"
    );

    let g = granted.display().to_string();
    let o = other.display().to_string();
    for (given, why) in [
        (
            format!("{o} "),
            "a trailing space (the core used to trim it)",
        ),
        (format!(" {o}"), "a leading space"),
        (
            format!("{g} "),
            "a trailing space even on the granted folder",
        ),
        (format!("{g}/../ungranted"), "a way out with .."),
        (
            format!("{g}/link"),
            "a symbolic link into an ungranted folder",
        ),
        (
            format!("{g}/minutes.pdf"),
            "a linked file in an ungranted folder",
        ),
        (format!("{g}/no-such-folder"), "a path that does not exist"),
        (String::new(), "nothing at all"),
    ] {
        let err = state.granted(&given, "folder").unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{why}: {err:?}");
        assert_eq!(err.fields[0].field, "folder", "{why}: named for its field");
        assert!(
            err.message.contains("Choose"),
            "{why}: says what to do: {}",
            err.message
        );
    }
}

#[test]
fn a_locked_app_refuses_dialogs_grants_and_opening_files() {
    let root = tempfile::tempdir().unwrap();
    let state = unlocked(&root.path().join("data"));
    assert!(state.require_unlocked().is_ok());
    state
        .with_vault(|vault| Ok(vault.lock(LockReason::ByUser)))
        .unwrap();
    let err = state.require_unlocked().unwrap_err();
    assert_eq!(err.code, ErrorCode::Locked, "{err:?}");
}
