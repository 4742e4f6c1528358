//! The safeguards around the passphrase, against someone at an unattended
//! machine or guessing: the idle lock kept in the core (whatever the page
//! says), the wait after repeated wrong passphrases (surviving a restart),
//! guessable passphrases refused, and secrets that never print.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::tamper::vault;

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use roundtable_core::domain::safety::{ChangePassphraseInput, LockReason};
use roundtable_core::domain::{PanelInput, PanelKind, SetupInput};
use roundtable_core::features::panels;
use roundtable_core::{CoreError, Vault};

const PASSPHRASE: &str = common::VAULT_PASSPHRASE;

#[test]
fn the_core_locks_itself_after_the_idle_time_even_if_the_page_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    let t0 = Instant::now();
    vault.note_input(t0);
    assert!(
        vault.store_at(t0 + Duration::from_secs(9 * 60)).is_ok(),
        "9 minutes: still open"
    );
    assert!(
        !vault
            .lock_if_idle(t0 + Duration::from_secs(9 * 60 + 59))
            .unwrap()
    );
    let err = vault
        .store_at(t0 + Duration::from_secs(10 * 60 + 1))
        .err()
        .unwrap();
    assert!(
        matches!(err, CoreError::Locked),
        "10 minutes: locked, got {err:?}"
    );
    vault.unlock(PASSPHRASE).unwrap();
    let detail: String = vault
        .store()
        .unwrap()
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'lock' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(detail, "locked after 10 minutes without input");
    // A panel's shorter setting wins.
    let panel = panels::list(vault.store().unwrap().conn())
        .unwrap()
        .remove(0);
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = panel.name.clone();
    input.idle_lock_minutes = 2;
    panels::update(vault.store().unwrap(), panel.id, &input).unwrap();
    let t1 = Instant::now();
    vault.note_input(t1);
    assert!(vault.lock_if_idle(t1 + Duration::from_secs(121)).unwrap());
}

#[test]
fn repeated_wrong_passphrases_wait_longer_each_time_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    vault.lock(LockReason::ByUser);
    let t = |s: i64| Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap();
    for n in 0..3 {
        assert!(vault.unlock_at("wrong passphrase here", t(n)).is_err());
    }
    let err = vault.unlock_at(PASSPHRASE, t(4)).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("Wait 3 seconds"),
        "even the right one waits: {message}"
    );
    drop(vault);
    let mut vault = Vault::claim(dir.path()).unwrap();
    assert_eq!(
        vault.unlock_wait_seconds(t(4)).unwrap(),
        3,
        "the wait survives a restart"
    );
    assert!(
        vault.unlock_at("wrong passphrase here", t(8)).is_err(),
        "tried after 5 s"
    );
    assert_eq!(
        vault.unlock_wait_seconds(t(8)).unwrap(),
        10,
        "the next waits twice as long"
    );
    assert!(vault.unlock_at(PASSPHRASE, t(18)).is_ok());
    assert_eq!(
        vault.unlock_wait_seconds(t(18)).unwrap(),
        0,
        "a success starts afresh"
    );
}

#[test]
fn guessable_passphrases_are_refused_and_secrets_never_print() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    for weak in [
        "password1234",
        "qwertyuiop123",
        "roundtable2026",
        "aaaaaaaaaaaaaaaa",
    ] {
        let err = vault
            .change_passphrase(&ChangePassphraseInput {
                current_passphrase: PASSPHRASE.into(),
                new_passphrase: weak.into(),
                confirm_passphrase: weak.into(),
            })
            .unwrap_err();
        let fields = common::fields(err);
        assert_eq!(fields, ["new_passphrase"], "{weak} is refused");
    }
    let input = SetupInput {
        passphrase: "copper meadow lantern".into(),
        confirm_passphrase: "copper meadow lantern".into(),
        name: "Yusuf Ali".into(),
        role: None,
    };
    let printed = format!("{input:?}");
    assert!(
        !printed.contains("copper"),
        "Debug shows no passphrase: {printed}"
    );
    assert!(printed.contains("REDACTED"), "{printed}");
}
