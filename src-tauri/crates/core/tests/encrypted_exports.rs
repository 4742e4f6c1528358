//! Exports that leave encrypted (issue 20), read as their recipients would:
//! qpdf names AES-256 revision 6, `pdftotext` reads each file with its
//! password and nothing without it; every agency's encrypted plan, at every
//! demo meeting, still names its recipient on every page and holds only its
//! own actions; the audit log says who each copy went to, never a password.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use chrono::Utc;
use roundtable_core::CoreError;
use roundtable_core::dates::local_today;
use roundtable_core::features::exports::{self, ReportRequest};
use roundtable_core::features::sealing::Encryption;
use roundtable_core::features::statistics::StatisticsRequest;
use roundtable_core::features::{actions, cases, demo, meetings};
use roundtable_core::store::Engine;

use crate::common;
use common::Empty;

/// The file's text read with `password` (None: without one), if it opens.
fn read(path: &std::path::Path, password: Option<&str>) -> Option<String> {
    let mut command = Command::new("pdftotext");
    if let Some(p) = password {
        command.args(["-upw", p]);
    }
    let out = common::run_tool(command.args(["-raw", path.to_str().unwrap(), "-"]));
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn encryption_shown(path: &std::path::Path, password: &str) -> String {
    let out = common::run_tool(
        Command::new("qpdf")
            .args(["--show-encryption", &format!("--password={password}")])
            .arg(path),
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn made() -> Encryption {
    Encryption::default()
}

fn every_plan_leaves_encrypted_for_its_agency_alone<S: Engine>(mut empty: Empty<S>) {
    let store = &mut empty.store;
    store.set_actor("Yusuf Ali");
    let today = local_today();
    let now = Utc::now();
    demo::load(store, today).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let mut passwords = Vec::new();
    let mut plans = 0;
    let meetings = store.read(|db| meetings::list(db, None)).unwrap();
    for meeting in &meetings {
        let (files, everything) = store
            .read(|db| {
                let mut all = actions::agreed_at(db, meeting.id, today)?;
                all.extend(actions::reviewed_at(db, meeting.id, today)?);
                Ok((exports::files(db, meeting.id, now)?, all))
            })
            .unwrap();
        for file in files {
            let Some(agency_id) = file.agency_id else {
                continue;
            };
            let written = exports::write_action_plan(
                store,
                meeting.id,
                agency_id,
                folder.path(),
                true,
                Some(&made()),
                now,
            )
            .unwrap();
            let password = written.password.clone().expect("a password is made");
            let path = std::path::Path::new(&written.path);
            assert!(
                read(path, None).is_none(),
                "{}: no password, no text",
                file.label
            );
            let text = read(path, Some(&password)).expect("the password opens it");
            let recipient = format!("Prepared for {}, {}", file.label, now.format("%-d %B %Y"));
            for (n, page) in text
                .split('\u{c}')
                .filter(|p| !p.trim().is_empty())
                .enumerate()
            {
                assert!(
                    flat(page).contains(&flat(&recipient)),
                    "page {} of {}'s encrypted plan does not name it",
                    n + 1,
                    file.label
                );
            }
            let text = flat(&text);
            let own: Vec<_> = everything
                .iter()
                .filter(|a| a.agency_id == agency_id)
                .collect();
            for a in &own {
                assert!(
                    text.contains(&flat(&a.text)),
                    "{} has its own action",
                    file.label
                );
            }
            for a in everything.iter().filter(|a| a.agency_id != agency_id) {
                if own.iter().any(|o| o.text == a.text) {
                    continue;
                }
                assert!(
                    !text.contains(&flat(&a.text)),
                    "{}'s encrypted plan holds {}'s action",
                    file.label,
                    a.agency_code
                );
            }
            passwords.push(password);
            plans += 1;
        }
    }
    assert!(plans >= 10, "the sweep read {plans} plans");
    let mut distinct = passwords.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        passwords.len(),
        "a new password for every file"
    );
    let log = store
        .read(|db| roundtable_core::audit::recent(db, 500))
        .unwrap();
    let sealed: Vec<_> = log
        .entries
        .iter()
        .filter_map(|e| e.detail.as_deref())
        .filter(|d| d.contains("encrypted (AES-256) for "))
        .collect();
    assert_eq!(sealed.len(), plans, "every encrypted copy is in the log");
    assert!(
        sealed
            .iter()
            .all(|d| d.contains("password made by Roundtable"))
    );
    assert!(
        log.entries
            .iter()
            .filter_map(|e| e.detail.as_deref())
            .all(|d| passwords.iter().all(|p| !d.contains(p.as_str()))),
        "no password is ever logged"
    );
}

fn minutes_and_reports_leave_encrypted_or_as_before<S: Engine>(mut empty: Empty<S>) {
    let store = &mut empty.store;
    store.set_actor("Yusuf Ali");
    let today = local_today();
    let now = Utc::now();
    demo::load(store, today).unwrap();
    let (held, case, panel) = store
        .read(|db| {
            let held = meetings::list(db, None)?
                .into_iter()
                .find(|m| m.status == "held")
                .unwrap();
            let case = cases::list(db, &Default::default(), today)?.remove(0);
            Ok((held.id, case, held.panel_id))
        })
        .unwrap();
    let plain_dir = tempfile::tempdir().unwrap();
    let plain = exports::write_minutes(store, held, plain_dir.path(), false, None, now).unwrap();
    assert!(plain.password.is_none());
    let plain_path = std::path::Path::new(&plain.path);
    assert!(
        read(plain_path, None).is_some(),
        "the unencrypted path is unchanged"
    );

    let dir = tempfile::tempdir().unwrap();
    let typed = "copper lantern orbit meadow";
    let weak = Encryption {
        password: "password1234".into(),
        confirm: "password1234".into(),
        recipient: String::new(),
    };
    let refused = exports::write_minutes(store, held, dir.path(), false, Some(&weak), now);
    assert!(
        matches!(&refused, Err(CoreError::Validation(f)) if f.iter().any(|f| f.field == "password")),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
    let own = Encryption {
        password: typed.into(),
        confirm: typed.into(),
        recipient: "Panel members by secure email".into(),
    };
    let minutes = exports::write_minutes(store, held, dir.path(), false, Some(&own), now).unwrap();
    assert!(minutes.password.is_none(), "a typed password is not echoed");
    let path = std::path::Path::new(&minutes.path);
    let shown = encryption_shown(path, typed);
    assert!(
        shown.contains("R = 6") && shown.contains("stream encryption method: AESv3"),
        "{shown}"
    );
    // Tagged for screen readers, encrypted or not: headings, header cells.
    let structure = common::run_tool(
        Command::new("pdfinfo")
            .args(["-upw", typed, "-struct"])
            .arg(path),
    );
    let structure = String::from_utf8_lossy(&structure.stdout);
    for role in ["H1", "H2", "Table", "TH", "TD", "P"] {
        assert!(structure.contains(role), "{role}: {structure}");
    }
    // The same minutes inside, but for the audit log's head at export.
    let body = |text: Option<String>| -> Vec<String> {
        let text = text.unwrap_or_default();
        let lines = text
            .lines()
            .filter(|l| !l.starts_with("Audit log at entry"));
        lines.map(str::to_owned).collect()
    };
    assert_eq!(
        body(read(path, Some(typed))),
        body(read(plain_path, None)),
        "the same minutes inside"
    );

    let subject = ReportRequest::SubjectAccess { case_id: case.id };
    let nobody = exports::write_report(store, &subject, dir.path(), false, Some(&made()), now);
    assert!(
        matches!(&nobody, Err(CoreError::Validation(f)) if f.iter().any(|f| f.field == "recipient")),
        "a report says whom it is for"
    );
    let to = Encryption {
        recipient: "The person's solicitor".into(),
        ..made()
    };
    let access = exports::write_report(store, &subject, dir.path(), false, Some(&to), now).unwrap();
    let password = access.password.clone().unwrap();
    let text = read(std::path::Path::new(&access.path), Some(&password)).unwrap();
    assert!(flat(&text).contains(&flat(&case.subject_name)));

    let request = StatisticsRequest {
        panel_id: panel,
        from: String::new(),
        to: String::new(),
    };
    let csv = ReportRequest::StatisticsCsv { request };
    let refused = exports::write_report(store, &csv, dir.path(), false, Some(&to), now);
    assert!(
        matches!(&refused, Err(CoreError::Validation(f)) if f.iter().any(|f| f.field == "encryption")),
        "{refused:?}"
    );
    let log = store
        .read(|db| roundtable_core::audit::recent(db, 20))
        .unwrap();
    let details: Vec<_> = log
        .entries
        .iter()
        .filter_map(|e| e.detail.clone())
        .collect();
    assert!(details.iter().any(|d| d.contains(
        "encrypted (AES-256) for Panel members by secure email, password typed by the coordinator"
    )));
    assert!(
        details
            .iter()
            .any(|d| d.contains("for The person's solicitor"))
    );
    assert!(
        details
            .iter()
            .all(|d| !d.contains(typed) && !d.contains(&password))
    );
}

crate::on_both_engines!(
    crate::common::empty_sqlite, crate::common::empty_postgres;
    every_plan_leaves_encrypted_for_its_agency_alone,
    minutes_and_reports_leave_encrypted_or_as_before,
);
