//! Minutes and action plans, read back out of the PDF as a recipient would
//! (`pdftotext`), over the demo borough: need to know for every agency at
//! every meeting, approval and amendments. Names read back from the
//! minutes are in `documents_names`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::process::Command;

use chrono::Utc;
use roundtable_core::Store;
use roundtable_core::dates::local_today;
use roundtable_core::domain::action::{ActionInput, ActionStatus};
use roundtable_core::domain::running::{AttendanceStatus, ShareInput, ShareState};
use roundtable_core::features::{actions, agencies, approval, demo, documents, meetings, running};
use roundtable_core::store::Engine;
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::sql::Db;
use uuid::Uuid;

use crate::common;
use common::Empty;

/// Each page's text (pdftotext ends every page with a form feed).
fn pages(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out =
        common::run_tool(Command::new("pdftotext").args(["-raw", path.to_str().unwrap(), "-"]));
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = common::run_tool(
        Command::new("pdftotext")
            // In drawing order: a table cell's lines stay together.
            .args(["-raw", path.to_str().unwrap(), "-"]),
    );
    assert!(out.status.success());
    // Cells wrap: compare with all whitespace runs as one space.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run_sqlite() -> (Empty<Store>, Uuid) {
    demo_with_a_run_meeting(common::empty_sqlite())
}

fn run_postgres() -> (Empty<PgStore>, Uuid) {
    demo_with_a_run_meeting(common::empty_postgres())
}

/// The demo borough, with the next meeting run: attendance, information
/// from the police on every case, and actions for several agencies.
fn demo_with_a_run_meeting<S: Engine>(mut empty: Empty<S>) -> (Empty<S>, Uuid) {
    let store = &mut empty.store;
    store.set_actor("Yusuf Ali");
    let today = local_today();
    demo::load(store, today).unwrap();
    let (next, detail, all) = store
        .read(|db| {
            let next = meetings::list(db, None)?
                .into_iter()
                .find(|m| m.status != "held")
                .unwrap()
                .id;
            Ok((next, meetings::get(db, next)?, agencies::list(db)?))
        })
        .unwrap();
    let code = |c: &str| all.iter().find(|a| a.short_code == c).unwrap().id;
    for c in ["POL", "CSC", "TYS", "EH"] {
        running::set_agency_attendance(store, next, code(c), AttendanceStatus::Present).unwrap();
    }
    let owners = ["CSC", "POL", "TYS", "EH", "YJS"];
    for (i, case) in detail
        .items
        .iter()
        .filter_map(|i| i.case.as_ref())
        .enumerate()
    {
        running::share(
            store,
            next,
            case.id,
            code("POL"),
            &ShareInput {
                state: ShareState::Known,
                facts: format!(
                    "Police intelligence note {} about Dockside Road",
                    case.reference
                ),
                opinion: "Officer believes the risk is rising".into(),
                withheld: String::new(),
                withheld_reason: String::new(),
                based_on: None,
            },
        )
        .unwrap();
        actions::add(
            store,
            &ActionInput {
                meeting_id: next,
                case_id: Some(case.id),
                agency_id: Some(code(owners[i % owners.len()])),
                text: format!(
                    "Visit the family of {} and report back, ref {i}",
                    case.reference
                ),
                due: "+2w".into(),
                officer: String::new(),
            },
            today,
        )
        .unwrap();
    }
    let review = store
        .read(|db| actions::for_review(db, next, today))
        .unwrap();
    actions::report(
        store,
        review[0].id,
        ActionStatus::Done,
        "Visit made.",
        Some(next),
        today,
    )
    .unwrap();
    (empty, next)
}

fn each_agency_plan_holds_only_its_own_actions_at_every_demo_meeting<S: Engine>(
    (mut run, _next): (Empty<S>, Uuid),
) {
    run.store
        .read(|conn| {
            plans_hold_only_their_own(conn);
            Ok(())
        })
        .unwrap();
}

fn plans_hold_only_their_own(conn: &dyn Db) {
    let today = local_today();
    let now = Utc::now();
    let mut plans = 0;
    for meeting in meetings::list(conn, None).unwrap() {
        let agreed = actions::agreed_at(conn, meeting.id, today).unwrap();
        let reviewed = actions::reviewed_at(conn, meeting.id, today).unwrap();
        let everything: Vec<_> = agreed.iter().chain(reviewed.iter()).collect();
        let detail = meetings::get(conn, meeting.id).unwrap();
        let cases: Vec<(Uuid, String, String)> = detail
            .items
            .iter()
            .filter_map(|i| i.case.as_ref())
            .map(|c| (c.id, c.reference.clone(), c.subject_name.clone()))
            .chain(everything.iter().filter_map(|a| {
                let id = a.case_id?;
                let c = roundtable_core::features::cases::get(conn, id, today).ok()?;
                Some((id, c.reference, c.input.subject_name))
            }))
            .collect();
        for agency in agencies::list(conn).unwrap() {
            let doc = documents::action_plan(conn, meeting.id, agency.id, now).unwrap();
            let bytes = documents::pdf(&doc).unwrap();
            let text = pdf_text(&bytes);
            plans += 1;
            let recipient = format!("Prepared for {}, {}", agency.name, now.format("%-d %B %Y"));
            for (n, page) in pages(&bytes).iter().enumerate() {
                assert!(
                    flat(page).contains(&flat(&recipient)),
                    "page {} of {}'s plan does not say whom it was prepared for",
                    n + 1,
                    agency.short_code
                );
            }
            let own: Vec<_> = everything
                .iter()
                .filter(|a| a.agency_id == agency.id)
                .collect();
            for a in &own {
                assert!(
                    text.contains(&flat(&a.text)),
                    "{}'s own action is in its plan: {}",
                    agency.short_code,
                    a.text
                );
            }
            for a in everything.iter().filter(|a| a.agency_id != agency.id) {
                if own.iter().any(|o| o.text == a.text) {
                    continue; // the same words agreed for this agency too
                }
                assert!(
                    !text.contains(&flat(&a.text)),
                    "{} sees {}'s action: {}",
                    agency.short_code,
                    a.agency_code,
                    a.text
                );
            }
            let own_cases: HashSet<Uuid> = own.iter().filter_map(|a| a.case_id).collect();
            let own_names: HashSet<&str> = cases
                .iter()
                .filter(|(id, _, _)| own_cases.contains(id))
                .map(|(_, _, n)| n.as_str())
                .collect();
            for (id, reference, name) in &cases {
                if own_cases.contains(id) {
                    continue;
                }
                assert!(
                    !text.contains(reference.as_str()),
                    "{} sees case {reference}",
                    agency.short_code
                );
                if !own_names.contains(name.as_str()) {
                    assert!(
                        !text.contains(name.as_str()),
                        "{} sees {name}",
                        agency.short_code
                    );
                }
            }
            assert!(
                !text.contains("Police intelligence note"),
                "no agency's information reaches a plan"
            );
            assert!(!text.contains("risk is rising"));
        }
    }
    assert!(plans > 100, "{plans} plans checked");
}

fn minutes_hold_the_meeting_and_are_a_draft_until_approved_then_amended<S: Engine>(
    (mut run, next): (Empty<S>, Uuid),
) {
    let store = &mut run.store;
    let now = Utc::now();
    let minutes_text = |store: &mut S| {
        let doc = store.read(|db| documents::minutes(db, next, now)).unwrap();
        pdf_text(&documents::pdf(&doc).unwrap())
    };
    let text = minutes_text(store);
    let detail = store.read(|db| meetings::get(db, next)).unwrap();
    for case in detail.items.iter().filter_map(|i| i.case.as_ref()) {
        assert!(text.contains(&case.reference), "{}", case.reference);
        assert!(
            text.contains(&flat(&case.subject_name)),
            "{}",
            case.subject_name
        );
        assert!(text.contains(&format!("Police intelligence note {}", case.reference)));
    }
    for needle in [
        "DRAFT",
        "OFFICIAL-SENSITIVE",
        "Review of earlier actions",
        "Visit made.",
        "Fact",
        "Opinion",
        "Page 1 of",
    ] {
        assert!(text.contains(needle), "minutes hold {needle:?}");
    }

    // Approval needs the meeting closed, then locks the record.
    let early = approval::approve(store, next, "DI Marcus Bell");
    assert!(early.unwrap_err().to_string().contains("Close the meeting"));
    running::close(store, next, now).unwrap();
    let approved = approval::approve(store, next, "DI Marcus Bell").unwrap();
    assert_eq!(approved.version, 1);
    let case = detail
        .items
        .iter()
        .find_map(|i| i.case.as_ref())
        .unwrap()
        .id;
    let police = store
        .read(|db| agencies::list(db))
        .unwrap()
        .into_iter()
        .find(|a| a.short_code == "POL")
        .unwrap()
        .id;
    let change = ShareInput {
        state: ShareState::Known,
        facts: "Corrected: the stop was on 4 November, not 3 November".into(),
        opinion: String::new(),
        withheld: String::new(),
        withheld_reason: String::new(),
        based_on: None,
    };
    let locked = running::share(store, next, case, police, &change).unwrap_err();
    assert!(
        locked.to_string().contains("approved by DI Marcus Bell"),
        "{locked}"
    );
    let text = minutes_text(store);
    assert!(!text.contains("DRAFT"), "approved minutes are not a draft");
    assert!(text.contains("Approved by DI Marcus Bell"));

    // An amendment: why, the change, what; the minutes say so, version 2.
    approval::start_amendment(store, next, "The police corrected the date of the stop.").unwrap();
    running::share(store, next, case, police, &change).unwrap();
    let done = approval::finish_amendment(
        store,
        next,
        "Police information on the first case corrected.",
    )
    .unwrap();
    assert_eq!(done.version, 2);
    assert!(
        running::share(store, next, case, police, &change).is_err(),
        "locked again"
    );
    let text = minutes_text(store);
    for needle in [
        "Minutes, version 2",
        "Amendments",
        "The police corrected the date of the stop.",
        "Corrected: the stop was on 4 November",
    ] {
        assert!(
            text.contains(needle),
            "amended minutes hold {needle:?}:\n{text}"
        );
    }
}

crate::on_both_engines!(
    super::run_sqlite, super::run_postgres;
    each_agency_plan_holds_only_its_own_actions_at_every_demo_meeting,
    minutes_hold_the_meeting_and_are_a_draft_until_approved_then_amended,
);
