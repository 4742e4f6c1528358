//! Safety: the audit log (every change, who and when, hash-chained and
//! verified, one entry for a bulk load), changing the passphrase, and the
//! idle lock setting. All through the same `Vault` the app's commands use.
//! Backup, restore and retention are in `safety_backup`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use chrono::NaiveDate;
use roundtable_core::audit;
use roundtable_core::domain::safety::{ChangePassphraseInput, LockReason};
use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::{approval, demo, exports, meetings, panels};
use roundtable_core::{CoreError, Store, Vault};

const PASSPHRASE: &str = common::VAULT_PASSPHRASE;

pub(crate) fn today() -> NaiveDate {
    common::today()
}

pub(crate) fn vault(dir: &Path) -> Vault {
    common::set_up_vault(dir)
}

pub(crate) fn panel(vault: &mut Vault, name: &str) -> roundtable_core::domain::Panel {
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = name.into();
    panels::create(vault.store().unwrap(), &input).unwrap()
}

pub(crate) fn field_errors(err: CoreError) -> Vec<String> {
    common::fields(err)
}

/// A raw connection to the database with the key, as someone with the
/// passphrase and a SQLite shell would have: behind the app's back.
fn raw(path: &Path, passphrase: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", passphrase).unwrap();
    conn
}

pub(crate) fn audit_rows(store: &Store) -> Vec<(String, String, Option<String>, Option<String>)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT action, entity, actor, detail FROM audit_log ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_table_carries_the_audit_triggers() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    let store = vault.store().unwrap();
    let tables = audit::audited_tables(store.conn()).unwrap();
    assert!(tables.len() >= 20, "{tables:?}");
    for table in &tables {
        for event in ["insert", "update", "delete"] {
            let name = format!("audit_{table}_{event}");
            let found: i64 = store
                .conn()
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1 AND tbl_name = ?2",
                    [&name, table],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(
                found, 1,
                "table {table} has no {name} trigger: a new table needs its audit triggers"
            );
        }
    }
}

#[test]
fn every_change_unlock_lock_export_and_import_is_audited_with_who_and_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    vault.lock(LockReason::ByUser);
    assert!(vault.unlock("not the passphrase").is_err());
    vault.unlock(PASSPHRASE).unwrap();
    let store = vault.store().unwrap();
    demo::load(store, today()).unwrap();
    let held = meetings::list(store.conn(), None)
        .unwrap()
        .into_iter()
        .find(|m| m.status == "held")
        .unwrap();
    approval::approve(store, held.id, "Chair of the panel").unwrap();
    let folder = tempfile::tempdir().unwrap();
    exports::write_minutes(
        store,
        held.id,
        folder.path(),
        false,
        None,
        chrono::Utc::now(),
    )
    .unwrap();
    let meeting = meetings::get(store.conn(), held.id).unwrap();
    let agency = meeting.expected_agency_ids[0];
    exports::write_action_plan(
        store,
        held.id,
        agency,
        folder.path(),
        false,
        None,
        chrono::Utc::now(),
    )
    .unwrap();
    vault.lock(LockReason::Idle { minutes: 10 });
    vault.unlock(PASSPHRASE).unwrap();
    let store = vault.store().unwrap();

    let rows = audit_rows(store);
    let actions: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    for expected in [
        ("create", "app_user"),
        ("unlock", "session"),
        ("failed unlock", "session"),
        ("create", "panel"),
        ("create", "person_case"),
        ("update", "person_case"),
        ("create", "action"),
        ("approve", "meeting"),
        ("export", "meeting"),
        ("lock", "session"),
    ] {
        assert!(
            actions.contains(&expected),
            "no {expected:?} entry in the audit log"
        );
    }
    let lock_details: Vec<_> = rows
        .iter()
        .filter(|r| r.0 == "lock")
        .map(|r| r.3.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        lock_details,
        [
            "locked by the user",
            "locked after 10 minutes without input"
        ]
    );
    let exports: Vec<_> = rows
        .iter()
        .filter(|r| r.0 == "export")
        .map(|r| r.3.clone().unwrap_or_default())
        .collect();
    assert!(
        exports[0].starts_with("Minutes for the panel: "),
        "{exports:?}"
    );
    assert!(exports[1].starts_with("Action plan for "), "{exports:?}");
    // The failed unlock is recorded at the next successful one, in order.
    let failed = actions.iter().position(|a| a.0 == "failed unlock").unwrap();
    assert_eq!(actions[failed + 1], ("unlock", "session"));

    assert!(
        rows.iter().all(|r| r.2.as_deref() == Some("Yusuf Ali")),
        "every entry says who (the signed-in user)"
    );
    let everything = rows
        .iter()
        .map(|r| format!("{} {} {}", r.0, r.1, r.3.clone().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n");
    for name in demo::personal_names() {
        assert!(
            !everything.contains(name),
            "the audit log holds the name {name:?}"
        );
    }
    let check = audit::verify(store.conn()).unwrap();
    assert!(check.intact, "{}", check.message);
    assert_eq!(usize::try_from(check.entries).unwrap(), rows.len());
}

#[test]
fn the_app_cannot_change_the_log_and_a_change_behind_its_back_is_found_at_that_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    for n in 0..5 {
        panel(&mut vault, &format!("Panel {n}"));
    }
    let store = vault.store().unwrap();
    assert!(audit::verify(store.conn()).unwrap().intact);
    let refused = store.conn().execute(
        "UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 3",
        [],
    );
    assert!(refused.is_err(), "a sealed entry cannot be changed");
    assert!(
        store
            .conn()
            .execute("DELETE FROM audit_log WHERE seq = 3", [])
            .is_err()
    );
    let path = vault.database_path();
    vault.lock(LockReason::ByUser);

    // Someone with the passphrase drops the guard and edits entry 4.
    let conn = raw(&path, PASSPHRASE);
    conn.execute_batch(
        "DROP TRIGGER audit_log_append_only_update;
         UPDATE audit_log SET actor = 'Someone Else' WHERE seq = 4;",
    )
    .unwrap();
    drop(conn);
    vault.unlock(PASSPHRASE).unwrap();
    let check = audit::verify(vault.store().unwrap().conn()).unwrap();
    assert!(!check.intact);
    assert_eq!(check.first_bad_seq, Some(4), "{}", check.message);
    assert!(check.message.contains("entry 4"), "{}", check.message);

    // Removing an entry breaks the chain at the one after it.
    let dir = tempfile::tempdir().unwrap();
    let mut vault = super_vault(dir.path());
    let path = vault.database_path();
    vault.lock(LockReason::ByUser);
    let conn = raw(&path, PASSPHRASE);
    conn.execute_batch(
        "DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE seq = 3;",
    )
    .unwrap();
    drop(conn);
    vault.unlock(PASSPHRASE).unwrap();
    let check = audit::verify(vault.store().unwrap().conn()).unwrap();
    assert_eq!(check.first_bad_seq, Some(4), "{}", check.message);
}

fn super_vault(dir: &Path) -> Vault {
    let mut v = vault(dir);
    for n in 0..3 {
        panel(&mut v, &format!("Panel {n}"));
    }
    v
}

#[test]
fn the_passphrase_changes_and_only_the_new_one_opens_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    panel(&mut vault, "Northfleet MARAC");
    let change = |current: &str, new: &str, confirm: &str| ChangePassphraseInput {
        current_passphrase: current.into(),
        new_passphrase: new.into(),
        confirm_passphrase: confirm.into(),
    };
    let err = vault
        .change_passphrase(&change("", "short", "different"))
        .unwrap_err();
    assert_eq!(
        field_errors(err),
        ["current_passphrase", "new_passphrase", "confirm_passphrase"]
    );
    let err = vault
        .change_passphrase(&change(
            "wrong passphrase here",
            "copper meadow lantern",
            "copper meadow lantern",
        ))
        .unwrap_err();
    assert_eq!(field_errors(err), ["current_passphrase"]);
    let err = vault
        .change_passphrase(&change(PASSPHRASE, PASSPHRASE, PASSPHRASE))
        .unwrap_err();
    assert_eq!(field_errors(err), ["new_passphrase"]);

    let status = vault
        .change_passphrase(&change(
            PASSPHRASE,
            "copper meadow lantern",
            "copper meadow lantern",
        ))
        .unwrap();
    assert_eq!(
        status.user.unwrap().name,
        "Yusuf Ali",
        "still unlocked as the same user"
    );
    assert_eq!(
        panels::list(vault.store().unwrap().conn()).unwrap().len(),
        1
    );
    vault.lock(LockReason::ByUser);
    assert!(
        vault.unlock(PASSPHRASE).is_err(),
        "the old passphrase no longer opens it"
    );
    vault.unlock("copper meadow lantern").unwrap();
    let store = vault.store().unwrap();
    assert_eq!(
        panels::list(store.conn()).unwrap()[0].name,
        "Northfleet MARAC"
    );
    assert!(audit::verify(store.conn()).unwrap().intact);
    assert!(audit_rows(store).iter().any(|r| r.0 == "change passphrase"));
    assert!(!dir.path().join("roundtable.db.replace").exists());
}

#[test]
fn the_idle_lock_is_the_strictest_active_panels_setting() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    assert_eq!(
        vault.idle_lock_minutes().unwrap(),
        10,
        "ten minutes with no panel yet"
    );
    let first = panel(&mut vault, "First MARAC");
    let mut input = PanelInput::defaults(PanelKind::Mace);
    input.name = "Second".into();
    input.idle_lock_minutes = 3;
    let second = panels::create(vault.store().unwrap(), &input).unwrap();
    assert_eq!(second.idle_lock_minutes, 3);
    assert_eq!(first.retention_years, 6);
    assert_eq!(vault.idle_lock_minutes().unwrap(), 3);
    input.idle_lock_minutes = 0;
    let err = panels::update(vault.store().unwrap(), second.id, &input).unwrap_err();
    assert_eq!(field_errors(err), ["idle_lock_minutes"]);
    vault.lock(LockReason::ByUser);
    assert!(matches!(vault.idle_lock_minutes(), Err(CoreError::Locked)));
}

#[test]
fn a_bulk_load_is_one_audit_entry_and_every_trigger_is_back_afterwards() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("bulk.db"), PASSPHRASE).unwrap();
    let triggers = |store: &Store| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = triggers(&store);
    roundtable_core::scale::generate(&mut store, &roundtable_core::scale::Spec::small(7)).unwrap();
    assert_eq!(triggers(&store), before, "every audit trigger is back");
    let rows = audit_rows(&store);
    assert_eq!(rows.len(), 1, "one entry for the whole load");
    assert_eq!(rows[0].0, "bulk load");
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "After the load".into();
    panels::create(&mut store, &input).unwrap();
    assert!(
        audit_rows(&store)
            .iter()
            .any(|r| r.0 == "create" && r.1 == "panel")
    );
    assert!(audit::verify(store.conn()).unwrap().intact);
}
