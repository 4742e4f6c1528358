//! Between meetings, on the demo borough: the action tracker's filters and
//! reports, updates feeding the next meeting's review, and lateness by
//! agency. A person's timeline and the subject access export are in
//! `between_meetings_person`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::process::Command;

use common::Empty;
use common::today;
use roundtable_core::domain::action::{ActionStatus, ReportInput};
use roundtable_core::features::exports::{self, ReportRequest};
use roundtable_core::features::tracker::{self, ActionFilter, StatusFilter};
use roundtable_core::features::{actions, agencies, cases, demo, meetings, panels};
use roundtable_core::store::Engine;
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::sql::Db;
use roundtable_core::{CoreError, Store};

pub(crate) fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("t.db"), "demo passphrase").unwrap();
    store.set_actor("Yusuf Ali");
    demo::load(&mut store, today()).unwrap();
    (dir, store)
}

/// The demo borough on either engine.
fn demo_in<S: Engine>(mut empty: Empty<S>) -> Empty<S> {
    empty.store.set_actor("Yusuf Ali");
    demo::load(&mut empty.store, today()).unwrap();
    empty
}

pub(crate) fn demo_sqlite() -> Empty<Store> {
    demo_in(common::empty_sqlite())
}

pub(crate) fn demo_postgres() -> Empty<PgStore> {
    demo_in(common::empty_postgres())
}

pub(crate) fn pdftotext(path: &str) -> String {
    let out = common::run_tool(Command::new("pdftotext").args(["-raw", path, "-"]));
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn agency(db: &dyn Db, code: &str) -> uuid::Uuid {
    agencies::list(db)
        .unwrap()
        .into_iter()
        .find(|a| a.short_code == code)
        .unwrap()
        .id
}

fn the_tracker_filters_by_agency_status_overdue_due_soon_and_case<S: Engine>(mut demo: Empty<S>) {
    demo.store
        .read(|conn| {
            tracker_filters(conn);
            Ok(())
        })
        .unwrap();
}

fn tracker_filters(conn: &dyn Db) {
    let all = tracker::list(
        conn,
        &ActionFilter {
            status: StatusFilter::All,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert!(all.total >= 20, "{}", all.total);
    let dates: Vec<&str> = all
        .actions
        .iter()
        .filter_map(|a| a.due_date.as_deref())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "sorted by due date");

    let open = tracker::list(conn, &ActionFilter::open(), today()).unwrap();
    assert!(open.total > 0 && open.total < all.total);
    assert!(open.actions.iter().all(|a| a.status.is_open()));

    let overdue = tracker::list(
        conn,
        &ActionFilter {
            overdue: true,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert!(overdue.total > 0, "the demo has late actions");
    assert!(overdue.actions.iter().all(|a| a.overdue));

    let csc = agency(conn, "CSC");
    let theirs = tracker::list(
        conn,
        &ActionFilter {
            agency_id: Some(csc),
            status: StatusFilter::All,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert!(theirs.total > 0);
    assert!(theirs.actions.iter().all(|a| a.agency_code == "CSC"));

    let soon = tracker::list(
        conn,
        &ActionFilter {
            due_within_days: Some(14),
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    let limit = (today() + chrono::Days::new(14))
        .format("%Y-%m-%d")
        .to_string();
    assert!(
        soon.actions
            .iter()
            .all(|a| a.due_date.as_deref().is_some_and(|d| d <= limit.as_str()))
    );

    let done = tracker::list(
        conn,
        &ActionFilter {
            status: StatusFilter::Done,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert!(
        done.actions
            .iter()
            .all(|a| a.status == ActionStatus::Done && a.completed_on.is_some())
    );
    let not_done = tracker::list(
        conn,
        &ActionFilter {
            status: StatusFilter::NotDone,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert!(not_done.total > 0);
    assert_eq!(open.total + done.total + not_done.total, all.total);

    let reference = all.actions[0].case_reference.clone().unwrap();
    let one_case = tracker::list(
        conn,
        &ActionFilter {
            case_reference: reference.to_lowercase(),
            status: StatusFilter::All,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert!(one_case.total >= 1);
    assert!(
        one_case
            .actions
            .iter()
            .all(|a| a.case_reference.as_deref() == Some(reference.as_str()))
    );
    // Wildcards typed are taken literally.
    let none = tracker::list(
        conn,
        &ActionFilter {
            case_reference: "%".into(),
            status: StatusFilter::All,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert_eq!(none.total, 0);
}

fn updates_reported_between_meetings_reach_the_next_meetings_review<S: Engine>(demo: Empty<S>) {
    let mut store = demo.store;
    let next = store
        .read(|db| meetings::list(db, None))
        .unwrap()
        .into_iter()
        .find(|m| m.status != "held")
        .unwrap();
    let review = store
        .read(|db| actions::for_review(db, next.id, today()))
        .unwrap();
    let (first, second) = (review[0].id, review[1].id);
    // Two at once: one report, dated the day the agency phoned it in.
    let saved = actions::report_many(
        &mut store,
        &[first, second],
        &ReportInput {
            status: ActionStatus::Done,
            note: "Both completed; confirmed by email.".into(),
            reported_on: "20/11/2026".into(),
        },
        today(),
    )
    .unwrap();
    assert_eq!(saved.len(), 2);
    for a in &saved {
        assert_eq!(a.status, ActionStatus::Done);
        assert_eq!(a.completed_on.as_deref(), Some("2026-11-20"));
        let last = a.updates.last().unwrap();
        assert_eq!(last.reported_on, "2026-11-20");
        assert_eq!(last.meeting_id, None);
        assert_eq!(last.recorded_by, "Yusuf Ali");
    }
    let review = store
        .read(|db| actions::for_review(db, next.id, today()))
        .unwrap();
    let reported = review.iter().find(|a| a.id == first).unwrap();
    assert_eq!(reported.status, ActionStatus::Done);
    assert_eq!(
        reported.updates.last().unwrap().note.as_deref(),
        Some("Both completed; confirmed by email.")
    );
    // Still-open ones come first.
    let first_done = review.iter().position(|a| !a.status.is_open()).unwrap();
    assert!(review[..first_done].iter().all(|a| a.status.is_open()));
    assert!(review[first_done..].iter().all(|a| !a.status.is_open()));
}

fn a_bad_report_is_refused_whole_and_changes_nothing<S: Engine>(demo: Empty<S>) {
    let mut store = demo.store;
    let open = store
        .read(|db| tracker::list(db, &ActionFilter::open(), today()))
        .unwrap();
    let ids: Vec<_> = open.actions.iter().take(2).map(|a| a.id).collect();
    let report = |status, note: &str, on: &str| ReportInput {
        status,
        note: note.into(),
        reported_on: on.into(),
    };
    let cases: [(&[uuid::Uuid], ReportInput, &str); 4] = [
        (
            &ids,
            report(ActionStatus::Done, "", "01/01/2099"),
            "reported_on",
        ),
        (
            &ids,
            report(ActionStatus::Done, "", "yesterdayish"),
            "reported_on",
        ),
        (&ids, report(ActionStatus::NotDoneAgency, " ", ""), "note"),
        (&[], report(ActionStatus::Done, "", ""), "actions"),
    ];
    for (ids, input, field) in cases {
        let err = actions::report_many(&mut store, ids, &input, today()).unwrap_err();
        assert_eq!(common::fields(err), [field]);
    }
    // Before the meeting that agreed one of them: none is changed.
    let err = actions::report_many(
        &mut store,
        &ids,
        &report(ActionStatus::Done, "", "01/01/2020"),
        today(),
    )
    .unwrap_err();
    assert!(matches!(err, CoreError::Validation(_)));
    let after = store
        .read(|db| tracker::list(db, &ActionFilter::open(), today()))
        .unwrap();
    assert_eq!(after.total, open.total);
}

#[test]
fn lateness_by_agency_and_the_steering_groups_report() {
    let (dir, mut store) = demo_store();
    let late = tracker::lateness(store.conn(), None, today()).unwrap();
    let total_overdue: u32 = late.iter().map(|a| a.overdue).sum();
    let overdue = tracker::list(
        store.conn(),
        &ActionFilter {
            overdue: true,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap();
    assert_eq!(total_overdue, overdue.total);
    assert!(late.windows(2).all(|w| w[0].overdue >= w[1].overdue));
    let report = tracker::late_report(store.conn(), None, today()).unwrap();
    assert_eq!(report.overdue.len(), overdue.total as usize);

    let folder = dir.path().to_path_buf();
    let panel = panels::list(store.conn()).unwrap()[0].id;
    let written = exports::write_report(
        &mut store,
        &ReportRequest::LateActions {
            panel_id: Some(panel),
        },
        &folder,
        false,
        None,
        chrono::Utc::now(),
    )
    .unwrap();
    let text = pdftotext(&written.path);
    assert!(text.contains("Late actions by agency"));
    for a in late.iter().filter(|a| a.overdue > 0) {
        assert!(
            text.contains(&format!("({})", a.agency_code)),
            "{} in the report",
            a.agency_name
        );
    }
    // Case references and dates only: no names, no wording of actions.
    for a in &overdue.actions {
        assert!(text.contains(a.case_reference.as_deref().unwrap()));
        assert!(!text.contains(&a.text), "action wording left out");
    }
    for c in cases::list(store.conn(), &Default::default(), today()).unwrap() {
        assert!(
            !text.contains(&c.subject_name),
            "no name in the steering group's report: {}",
            c.subject_name
        );
    }
}

crate::on_both_engines!(
    super::demo_sqlite, super::demo_postgres;
    the_tracker_filters_by_agency_status_overdue_due_soon_and_case,
    updates_reported_between_meetings_reach_the_next_meetings_review,
    a_bad_report_is_refused_whole_and_changes_nothing,
);
