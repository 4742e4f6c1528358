//! Someone who has the passphrase and edits the file behind the app's back:
//! the audit log's anchors (kept outside the database, printed on every
//! exported document) find the newest entries cut off, a whole rewritten
//! chain, and rows slipped in with a chosen actor. The safeguards around
//! the passphrase itself are in `passphrase_guards`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use chrono::Utc;
use roundtable_core::audit::{self, AuditAnchor};
use roundtable_core::domain::safety::{BackupInput, LockReason, RestoreInput};
use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::{approval, demo, exports, meetings, panels};
use roundtable_core::{CoreError, Vault};
use sha2::{Digest, Sha256};

const PASSPHRASE: &str = common::VAULT_PASSPHRASE;

fn empty_vault(dir: &Path) -> Vault {
    common::set_up_vault(dir)
}

pub(crate) fn vault(dir: &Path) -> Vault {
    let mut vault = empty_vault(dir);
    for n in 0..4 {
        let mut input = PanelInput::defaults(PanelKind::Marac);
        input.name = format!("Panel {n}");
        panels::create(vault.store().unwrap(), &input).unwrap();
    }
    vault
}

/// A connection as someone with the passphrase and the sqlite3 shell has.
fn raw(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn
}

fn head(vault: &mut Vault) -> AuditAnchor {
    vault.audit_head().unwrap().unwrap()
}

/// Locks, lets `edit` change the file, unlocks, and verifies (with `noted`).
fn tamper(vault: &mut Vault, noted: &str, edit: &str) -> audit::AuditVerification {
    let path = vault.database_path();
    vault.lock(LockReason::ByUser);
    raw(&path).execute_batch(edit).unwrap();
    vault.unlock(PASSPHRASE).unwrap();
    vault.verify_audit_log(noted).unwrap()
}

#[test]
fn cutting_off_the_newest_entries_is_found_by_the_anchors() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    let noted = head(&mut vault);
    // More work after the head was anchored (the lock anchors it again).
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "Made later".into();
    panels::create(vault.store().unwrap(), &input).unwrap();
    vault.lock(LockReason::ByUser);
    vault.unlock(PASSPHRASE).unwrap();
    assert!(
        vault.verify_audit_log("").unwrap().intact,
        "untouched, it verifies"
    );
    let last = head(&mut vault).seq;
    let cut = last - 6;
    let check = tamper(
        &mut vault,
        "",
        &format!(
            "DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE seq > {cut};"
        ),
    );
    assert!(!check.intact, "a cut-off log is found: {}", check.message);
    assert!(check.message.contains("anchor"), "{}", check.message);
    assert!(
        audit::verify(vault.store().unwrap().conn()).unwrap().intact,
        "the chain alone cannot see it: only the anchors do"
    );
    assert!(
        !vault.verify_audit_log(&noted.short()).unwrap().intact,
        "nor does it pass with a noted anchor"
    );
}

/// Rewrites every entry's detail and recomputes the whole chain, as a
/// careful forger would (the hash is not secret).
const REWRITE: &str = "DROP TRIGGER audit_log_append_only_update;
    UPDATE audit_log SET detail = 'nothing to see', prev_hash = NULL, hash = NULL;";

/// An audit entry's fields in the order the chain hashes them.
type Entry = (
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn reseal(path: &Path) {
    let conn = raw(path);
    let mut rows: Vec<Entry> = {
        let mut stmt = conn
            .prepare("SELECT seq, at, actor, action, entity, entity_id, detail FROM audit_log ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let mut prev = String::new();
    for (seq, at, actor, action, entity, id, detail) in rows.drain(..) {
        let encoded =
            serde_json::json!([seq, at, actor, action, entity, id, detail, prev]).to_string();
        let hash = format!("{:x}", Sha256::digest(encoded.as_bytes()));
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            rusqlite::params![seq, prev, hash],
        )
        .unwrap();
        prev = hash;
    }
}

#[test]
fn a_whole_chain_rewritten_with_the_passphrase_is_found_by_the_anchors() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    let noted = head(&mut vault);
    let path = vault.database_path();
    vault.lock(LockReason::ByUser);
    raw(&path).execute_batch(REWRITE).unwrap();
    reseal(&path);
    assert!(
        audit::verify(&raw(&path)).unwrap().intact,
        "the forged chain is self-consistent"
    );
    vault.unlock(PASSPHRASE).unwrap();
    let check = vault.verify_audit_log("").unwrap();
    assert!(!check.intact, "the anchor file finds it");
    assert!(
        check.message.contains("no longer matches the anchor"),
        "{}",
        check.message
    );

    // With the anchor file gone too, the anchor noted from a document finds it.
    std::fs::remove_file(vault.anchor_file()).unwrap();
    let check = vault.verify_audit_log(&noted.short()).unwrap();
    assert!(!check.intact, "{}", check.message);
    assert_eq!(check.first_bad_seq, Some(noted.seq));
}

#[test]
fn a_row_slipped_in_with_a_chosen_actor_is_never_sealed_as_genuine() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault(dir.path());
    let check = tamper(
        &mut vault,
        "",
        "INSERT INTO audit_log (at, actor, action, entity, detail)
         VALUES ('2026-11-20T10:00:00Z', 'Chief Inspector Hale', 'approve', 'meeting', 'approved');",
    );
    assert!(!check.intact, "the slipped-in row is named");
    assert!(check.message.contains("never sealed"), "{}", check.message);
    let bad = check.first_bad_seq.unwrap();
    let actor: String = vault
        .store()
        .unwrap()
        .conn()
        .query_row("SELECT actor FROM audit_log WHERE seq = ?1", [bad], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(actor, "Chief Inspector Hale", "it is the inserted row");
    // Later genuine work does not seal it either.
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "After".into();
    panels::create(vault.store().unwrap(), &input).unwrap();
    assert_eq!(vault.verify_audit_log("").unwrap().first_bad_seq, Some(bad));
}

#[test]
fn exported_documents_and_backups_carry_the_head_and_a_restore_records_the_one_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = empty_vault(dir.path());
    demo::load(vault.store().unwrap(), common::today()).unwrap();
    let store = vault.store().unwrap();
    let held = meetings::list(store.conn(), None)
        .unwrap()
        .into_iter()
        .find(|m| m.status == "held")
        .unwrap();
    approval::approve(store, held.id, "Chair of the panel").unwrap();
    let before = audit::head(store.conn()).unwrap().unwrap();
    let out = tempfile::tempdir().unwrap();
    let written =
        exports::write_minutes(store, held.id, out.path(), false, None, Utc::now()).unwrap();
    let pdf = std::path::PathBuf::from(&written.path);
    let text = common::pdf_text(&std::fs::read(&pdf).unwrap());
    let footer = format!("Audit log at {}", before.short());
    let info = common::run_tool(std::process::Command::new("pdfinfo").arg(&pdf));
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert_eq!(
        text.matches(&footer).count(),
        pages,
        "every page's foot shows {footer:?}"
    );
    assert!(
        info.contains(&before.hash),
        "the PDF's keywords hold the full hash: {info}"
    );
    // What was printed verifies.
    assert!(vault.verify_audit_log(&before.short()).unwrap().intact);

    let backups = tempfile::tempdir().unwrap();
    let backup = vault
        .back_up(
            backups.path(),
            &BackupInput {
                folder: "chosen".into(),
                passphrase: "backup only passphrase".into(),
                confirm_passphrase: "backup only passphrase".into(),
            },
            chrono::Local::now(),
        )
        .unwrap();
    let mut input = PanelInput::defaults(PanelKind::Marac);
    input.name = "After the backup".into();
    panels::create(vault.store().unwrap(), &input).unwrap();
    let replaced = head(&mut vault);
    let (_, summary) = vault
        .restore(
            &backup,
            &RestoreInput {
                file: "chosen".into(),
                backup_passphrase: "backup only passphrase".into(),
                current_passphrase: PASSPHRASE.into(),
            },
        )
        .unwrap();
    let backup_head = summary.head.expect("the summary names the backup's head");
    assert!(backup_head.seq < replaced.seq);
    let detail: String = vault
        .store()
        .unwrap()
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'restore' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(detail.contains(&replaced.short()), "{detail}");
    let file = std::fs::read_to_string(vault.anchor_file()).unwrap();
    assert!(
        file.contains(&format!(
            "restore replaced {} {}",
            replaced.seq, replaced.hash
        )),
        "{file}"
    );
    let check = vault.verify_audit_log("").unwrap();
    assert!(
        check.intact,
        "anchors of the replaced data are set aside: {}",
        check.message
    );
    let err = vault.verify_audit_log("entry 12").unwrap_err();
    assert!(
        matches!(err, CoreError::Validation(_)),
        "a noted anchor needs its hash"
    );
}
