//! The shared store's backup: `pg_dump`, encrypted under the backup's own
//! passphrase, restored into an empty database whole or not at all, with
//! the same cases, meetings and an audit log that still verifies. Runs on
//! the throwaway cluster the test command starts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use chrono::Local;
use common::{fields, today};
use roundtable_core::CoreError;
use roundtable_core::domain::safety::BackupInput;
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::{demo, meetings};
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::ScratchDatabase;
use secrecy::SecretString;

const BACKUP_PASSPHRASE: &str = "harbour lantern quietly folds 47 maps";

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

fn case_names(store: &mut PgStore) -> Vec<String> {
    let mut names: Vec<String> = store
        .read(|db| cases::list(db, &CaseFilter::default(), today()))
        .unwrap()
        .into_iter()
        .map(|c| c.subject_name)
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_is_encrypted_and_restores_whole_into_an_empty_database() {
    let source = ScratchDatabase::new();
    let mut store = source.store();
    store.set_actor("Yusuf Ali");
    demo::load(&mut store, today()).unwrap();
    let names = case_names(&mut store);
    let meetings = store.read(|db| meetings::list(db, None)).unwrap().len();
    assert!(names.len() > 20, "the demo has cases to back up");

    let folder = tempfile::tempdir().unwrap();
    let input = |passphrase: &str, confirm: &str| BackupInput {
        folder: folder.path().display().to_string(),
        passphrase: secret(passphrase),
        confirm_passphrase: secret(confirm),
    };
    let err = store
        .back_up(
            folder.path(),
            &input(BACKUP_PASSPHRASE, "something else"),
            Local::now(),
        )
        .unwrap_err();
    assert_eq!(fields(err), ["confirm_passphrase"]);
    let path = store
        .back_up(
            folder.path(),
            &input(BACKUP_PASSPHRASE, BACKUP_PASSPHRASE),
            Local::now(),
        )
        .unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("roundtable-backup-") && name.ends_with(".pgdump.age"));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"), "an age file");
    let text = String::from_utf8_lossy(&bytes);
    for readable in names
        .iter()
        .take(10)
        .map(String::as_str)
        .chain(["person_case"])
    {
        assert!(
            !text.contains(readable),
            "{readable:?} is readable in the backup"
        );
    }
    let source_check = store.verify_audit(&[]).unwrap();

    // A wrong passphrase, or a file that is not a backup: refused, nothing restored.
    let target = ScratchDatabase::new();
    let err = PgStore::restore_backup(target.config(), &path, &secret("not the passphrase at all"))
        .unwrap_err();
    assert_eq!(fields(err), ["backup_passphrase"]);
    let junk = folder.path().join("junk.pgdump.age");
    std::fs::write(&junk, "just some text").unwrap();
    let err =
        PgStore::restore_backup(target.config(), &junk, &secret(BACKUP_PASSPHRASE)).unwrap_err();
    assert_eq!(fields(err), ["file"]);
    let empty: bool = target
        .client()
        .query_one("SELECT to_regclass('person_case') IS NULL", &[])
        .unwrap()
        .get(0);
    assert!(empty, "nothing was restored");

    let summary =
        PgStore::restore_backup(target.config(), &path, &secret(BACKUP_PASSPHRASE)).unwrap();
    assert_eq!(summary.cases, i64::try_from(names.len()).unwrap());
    assert_eq!(summary.meetings, i64::try_from(meetings).unwrap());
    assert!(
        summary.made_at.is_some(),
        "the backup's own audit entry came with it"
    );
    assert_eq!(summary.head, source_check.head, "the same audit head");
    let mut restored = target.store();
    assert_eq!(case_names(&mut restored), names);
    assert!(restored.verify_audit(&[]).unwrap().intact);

    // Never over data already there.
    let err =
        PgStore::restore_backup(target.config(), &path, &secret(BACKUP_PASSPHRASE)).unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
}
