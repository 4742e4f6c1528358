//! Safety: the audit log (every change, who and when, hash-chained and
//! verified), changing the passphrase, encrypted backup and restore, the idle
//! lock setting, and retention (a deleted case leaves no trace in the file's
//! decrypted bytes). All through the same `Vault` the app's commands use.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use chrono::NaiveDate;
use roundtable_core::audit;
use roundtable_core::domain::case::{CaseInput, Consent, ReferralRoute};
use roundtable_core::domain::safety::{
    BackupInput, ChangePassphraseInput, LockReason, RestoreInput,
};
use roundtable_core::domain::{AgencyInput, PanelInput, PanelKind, Sector};
use roundtable_core::features::cases::{self, CaseAction, CaseFilter};
use roundtable_core::features::retention::{self, DeleteDueInput};
use roundtable_core::features::{agencies, approval, demo, exports, meetings, panels};
use roundtable_core::{CoreError, Store, Vault};

const PASSPHRASE: &str = common::VAULT_PASSPHRASE;

fn today() -> NaiveDate {
    common::today()
}

fn vault(dir: &Path) -> Vault {
    common::set_up_vault(dir)
}

fn panel(vault: &mut Vault, name: &str) -> roundtable_core::domain::Panel {
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = name.into();
    panels::create(vault.store().unwrap(), &input).unwrap()
}

fn referral(panel_id: uuid::Uuid, police: uuid::Uuid, name: &str) -> CaseInput {
    let mut input = CaseInput::blank(panel_id, today());
    input.subject_name = name.into();
    input.date_of_birth = "1990-02-03".into();
    input.referral_date = "2018-01-10".into();
    input.referral_route = Some(ReferralRoute::ProfessionalJudgement);
    input.referral_reason = "Threats to kill after separation.".into();
    input.consent = Some(Consent::Given);
    input.referring_agency_id = Some(police);
    input
}

fn police(vault: &mut Vault) -> uuid::Uuid {
    agencies::create(
        vault.store().unwrap(),
        &AgencyInput {
            name: "Lowbridge Police".into(),
            short_code: "POL".into(),
            sector: Some(Sector::Police),
            secure_email: String::new(),
            representatives: Vec::new(),
        },
    )
    .unwrap()
    .id
}

fn field_errors(err: CoreError) -> Vec<String> {
    common::fields(err)
}

/// A raw connection to the database with the key, as someone with the
/// passphrase and a SQLite shell would have: behind the app's back.
fn raw(path: &Path, passphrase: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", passphrase).unwrap();
    conn
}

fn audit_rows(store: &Store) -> Vec<(String, String, Option<String>, Option<String>)> {
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
fn a_backup_restores_everything_after_it_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    demo::load(vault.store().unwrap(), today()).unwrap();
    let cases_then = cases::list(
        vault.store().unwrap().conn(),
        &CaseFilter::default(),
        today(),
    )
    .unwrap()
    .len();
    let backups = tempfile::tempdir().unwrap();
    let folder = backups.path().display().to_string();
    let input = |passphrase: &str, confirm: &str| BackupInput {
        folder: folder.clone(),
        passphrase: passphrase.into(),
        confirm_passphrase: confirm.into(),
    };
    let err = vault
        .back_up(
            backups.path(),
            &input("short", "other"),
            chrono::Local::now(),
        )
        .unwrap_err();
    assert_eq!(field_errors(err), ["passphrase", "confirm_passphrase"]);
    let file = vault
        .back_up(
            backups.path(),
            &input("backup only passphrase", "backup only passphrase"),
            chrono::Local::now(),
        )
        .unwrap();
    assert!(file.extension().is_some_and(|e| e == "rtbackup"));
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        !String::from_utf8_lossy(&bytes).contains("SQLite format 3"),
        "the backup is encrypted"
    );

    // After the backup: a new panel and a deleted case's worth of change.
    panel(&mut vault, "Made after the backup");
    let panels_now = panels::list(vault.store().unwrap().conn()).unwrap().len();
    let restore = |file: &str, backup: &str, current: &str| RestoreInput {
        file: file.into(),
        backup_passphrase: backup.into(),
        current_passphrase: current.into(),
    };
    let file_text = file.display().to_string();
    // Checked before anything is replaced: wrong backup passphrase, wrong
    // current passphrase, not a backup at all, a damaged copy.
    let err = vault
        .restore(
            Path::new(&file_text),
            &restore(&file_text, "not the backup passphrase", PASSPHRASE),
        )
        .unwrap_err();
    assert_eq!(field_errors(err), ["backup_passphrase"]);
    let err = vault
        .restore(
            Path::new(&file_text),
            &restore(&file_text, "backup only passphrase", "not my passphrase"),
        )
        .unwrap_err();
    assert_eq!(field_errors(err), ["current_passphrase"]);
    let junk = backups.path().join("junk.rtbackup");
    std::fs::write(&junk, b"this is not a database at all, just some text").unwrap();
    let err = vault
        .restore(
            Path::new(&junk.display().to_string()),
            &restore(
                &junk.display().to_string(),
                "backup only passphrase",
                PASSPHRASE,
            ),
        )
        .unwrap_err();
    assert_eq!(field_errors(err), ["backup_passphrase"]);
    let damaged = backups.path().join("damaged.rtbackup");
    let mut broken = bytes.clone();
    let middle = broken.len() / 2;
    for b in &mut broken[middle..middle + 4096] {
        *b ^= 0x5a;
    }
    std::fs::write(&damaged, &broken).unwrap();
    let err = vault
        .restore(
            Path::new(&damaged.display().to_string()),
            &restore(
                &damaged.display().to_string(),
                "backup only passphrase",
                PASSPHRASE,
            ),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Validation(_)), "{err:?}");
    assert_eq!(
        panels::list(vault.store().unwrap().conn()).unwrap().len(),
        panels_now,
        "nothing was replaced by the refused restores"
    );

    let (status, summary) = vault
        .restore(
            Path::new(&file_text),
            &restore(&file_text, "backup only passphrase", PASSPHRASE),
        )
        .unwrap();
    assert_eq!(status.user.unwrap().name, "Yusuf Ali");
    assert_eq!(usize::try_from(summary.cases).unwrap(), cases_then);
    assert!(summary.made_at.is_some());
    let store = vault.store().unwrap();
    let names: Vec<_> = panels::list(store.conn())
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(
        !names.contains(&"Made after the backup".to_string()),
        "{names:?}"
    );
    assert_eq!(
        cases::list(store.conn(), &CaseFilter::default(), today())
            .unwrap()
            .len(),
        cases_then
    );
    // Search (the FTS index) came back too.
    let filter = CaseFilter {
        query: "Ajayi".into(),
        ..CaseFilter::default()
    };
    assert!(
        !cases::list(store.conn(), &filter, today())
            .unwrap()
            .is_empty()
    );
    assert!(audit::verify(store.conn()).unwrap().intact);
    assert_eq!(audit_rows(store).last().unwrap().0, "restore");
    // The restored data opens with the current passphrase, not the backup's.
    vault.lock(LockReason::ByUser);
    assert!(vault.unlock("backup only passphrase").is_err());
    vault.unlock(PASSPHRASE).unwrap();
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

/// SQLCipher 4's page format, read with the key: PBKDF2-HMAC-SHA512 (256,000
/// rounds, salt = the file's first 16 bytes) gives the AES-256 key; each
/// 4096-byte page is AES-256-CBC with its IV in the 80 reserved bytes at the
/// end. Returns every page of the file (and of its log, if any) decrypted,
/// free pages included.
fn decrypted_pages(db: &Path, passphrase: &str) -> Vec<u8> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit, block_padding::NoPadding};
    const PAGE: usize = 4096;
    const RESERVE: usize = 80;
    let file = std::fs::read(db).unwrap();
    let salt = &file[..16];
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha512>(passphrase.as_bytes(), salt, 256_000, &mut key);
    let decrypt = |page: &[u8], first: bool| -> Vec<u8> {
        let start = if first { 16 } else { 0 };
        let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
        let mut data = page[start..PAGE - RESERVE].to_vec();
        cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, iv)
            .unwrap()
            .decrypt_padded_mut::<NoPadding>(&mut data)
            .unwrap();
        data
    };
    let mut plain = Vec::new();
    for (n, page) in file.chunks(PAGE).enumerate() {
        if page.len() == PAGE {
            plain.extend(decrypt(page, n == 0));
        }
    }
    let mut wal_name = db.as_os_str().to_owned();
    wal_name.push("-wal");
    if let Ok(wal) = std::fs::read(&wal_name) {
        for frame in wal.get(32..).unwrap_or_default().chunks(24 + PAGE) {
            if frame.len() == 24 + PAGE {
                plain.extend(decrypt(&frame[24..], false));
            }
        }
    }
    plain
}

#[test]
fn cases_past_retention_are_listed_then_deleted_without_a_trace() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    let marac = panel(&mut vault, "Riverside MARAC");
    let police = police(&mut vault);
    let store = vault.store().unwrap();
    let close = |store: &mut Store, name: &str| {
        let case = cases::create(store, &referral(marac.id, police, name), today()).unwrap();
        cases::transition(
            store,
            case.id,
            &CaseAction::Close {
                reason: "No further role for the panel.".into(),
            },
            today(),
        )
        .unwrap();
        case
    };
    let old = close(store, "Zofia Wiśniewska-Quartermaine");
    let recent = close(store, "Oluwaseun Brightwater");
    let open = cases::create(
        store,
        &referral(marac.id, police, "Marguerite Okonkwo-Lindqvist"),
        today(),
    )
    .unwrap();
    // The old case closed seven years ago (the app only ever closes a case
    // today, so the date is set directly, in a sealed write).
    store
        .write(|tx| {
            tx.execute(
                "UPDATE person_case SET closed_on = '2019-06-30' WHERE id = ?1",
                [old.id.to_string()],
            )?;
            Ok(())
        })
        .unwrap();
    let due = retention::due(store.conn(), today()).unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0].id, old.id);
    assert_eq!(due[0].closed_on, "2019-06-30");
    assert_eq!(due[0].due_on, "2025-06-30");

    let err = retention::delete_due(
        store,
        &DeleteDueInput {
            case_ids: vec![recent.id],
        },
        today(),
    )
    .unwrap_err();
    assert!(
        matches!(err, CoreError::Conflict(_)),
        "a case not yet due is refused"
    );
    let err =
        retention::delete_due(store, &DeleteDueInput { case_ids: vec![] }, today()).unwrap_err();
    assert_eq!(field_errors(err), ["case_ids"]);

    let path = vault.database_path();
    let before = decrypted_pages(&path, PASSPHRASE);
    let haystack = String::from_utf8_lossy(&before);
    assert!(
        haystack.contains("Wiśniewska-Quartermaine"),
        "the page reader works"
    );

    let store = vault.store().unwrap();
    let done = retention::delete_due(
        store,
        &DeleteDueInput {
            case_ids: vec![old.id],
        },
        today(),
    )
    .unwrap();
    assert_eq!(done.deleted, 1);
    assert!(retention::due(store.conn(), today()).unwrap().is_empty());
    assert!(cases::get(store.conn(), old.id, today()).is_err());
    let mut filter = CaseFilter {
        query: "Wisniewska".into(),
        ..CaseFilter::default()
    };
    assert!(
        cases::list(store.conn(), &filter, today())
            .unwrap()
            .is_empty(),
        "gone from search"
    );
    filter.query = "Brightwater".into();
    assert_eq!(
        cases::list(store.conn(), &filter, today()).unwrap().len(),
        1
    );
    let last = audit_rows(store).pop().unwrap();
    assert_eq!(last.0, "delete (retention)");
    assert!(!last.3.clone().unwrap().contains("Wi"), "{last:?}");
    let check = audit::verify(store.conn()).unwrap();
    assert!(check.intact, "{}", check.message);

    let after = decrypted_pages(&path, PASSPHRASE);
    let haystack = String::from_utf8_lossy(&after);
    assert!(
        haystack.contains("Okonkwo-Lindqvist"),
        "the open case is still there"
    );
    for needle in ["Wiśniewska", "Quartermaine", "wisniewska", "quartermaine"] {
        assert!(
            !haystack.contains(needle),
            "{needle:?} is still in the database file's pages after deletion"
        );
    }
    drop(open);
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
