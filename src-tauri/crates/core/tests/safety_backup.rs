//! Safety, the data's way out and back: an encrypted backup, and a restore
//! that checks the file and both passphrases before it replaces anything;
//! and retention, where a deleted case leaves no trace in the file's
//! decrypted bytes (read page by page here, apart from SQLCipher). All
//! through the same `Vault` the app's commands use.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::safety::{audit_rows, field_errors, panel, today, vault};

use std::path::Path;

use roundtable_core::audit;
use roundtable_core::domain::case::{CaseInput, Consent, ReferralRoute};
use roundtable_core::domain::safety::{BackupInput, LockReason, RestoreInput};
use roundtable_core::domain::{AgencyInput, Sector};
use roundtable_core::features::cases::{self, CaseAction, CaseFilter};
use roundtable_core::features::retention::{self, DeleteDueInput};
use roundtable_core::features::{agencies, demo, panels};
use roundtable_core::{CoreError, Store, Vault};

const PASSPHRASE: &str = common::VAULT_PASSPHRASE;

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
