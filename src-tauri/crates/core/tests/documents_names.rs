//! Every person's name in the demo borough comes back out of the minutes'
//! PDF as a reader sees it, on both engines: accented and right-to-left
//! names included, so no script is dropped or mangled on its way into a
//! document.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use chrono::Utc;
use roundtable_core::dates::local_today;
use roundtable_core::features::{demo, documents, meetings};
use roundtable_core::store::Engine;
use roundtable_core::store::sql::Db;

use crate::common;
use common::Empty;

/// The file's text in reading order (pdftotext's default mode puts
/// right-to-left words back in logical order), bidi marks and spaces removed.
fn reading_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = common::run_tool(Command::new("pdftotext").args([path.to_str().unwrap(), "-"]));
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !('\u{200E}'..='\u{200F}').contains(c)
                && !('\u{202A}'..='\u{202E}').contains(c)
        })
        .collect()
}

fn every_name_in_the_demo_comes_back_out_of_the_minutes<S: Engine>(mut empty: Empty<S>) {
    let store = &mut empty.store;
    demo::load(store, local_today()).unwrap();
    store
        .read(|db| {
            names_come_back(db);
            Ok(())
        })
        .unwrap();
}

fn names_come_back(db: &dyn Db) {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut checked = 0;
    for meeting in meetings::list(db, None).unwrap() {
        let doc = documents::minutes(db, meeting.id, Utc::now()).unwrap();
        let text = reading_text(&documents::pdf(&doc).unwrap());
        let detail = meetings::get(db, meeting.id).unwrap();
        for case in detail.items.iter().filter_map(|i| i.case.as_ref()) {
            let name = squash(&case.subject_name);
            assert!(
                text.contains(&name),
                "{} not in the minutes of {}",
                case.subject_name,
                meeting.date
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "{checked} names checked");
}

crate::on_both_engines!(
    crate::common::empty_sqlite, crate::common::empty_postgres;
    every_name_in_the_demo_comes_back_out_of_the_minutes,
);
