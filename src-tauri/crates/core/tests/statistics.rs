//! Panel statistics: checked against figures worked out independently of
//! the service, from the stored rows themselves (the demo borough, counted
//! by hand in `statistics_by_hand`) and from a small fixture whose answers
//! are known; small counts suppressed in every export.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::statistics_by_hand::{assert_same, expected};

use std::collections::BTreeMap;
use std::process::Command;

use common::{Empty, Fixture, today};
use roundtable_core::domain::case::Gender;
use roundtable_core::domain::meeting::HearingOutcome;
use roundtable_core::domain::referral::{
    ChildInput, ChildRelationship, PerpetratorInput, PerpetratorRelationship, ReferralDetails,
};
use roundtable_core::features::cases::{self, CaseAction};
use roundtable_core::features::exports::{self, ReportRequest};
use roundtable_core::features::statistics::{self, Statistics, StatisticsRequest};
use roundtable_core::features::{demo, meetings, panels, referral};
use roundtable_core::store::Engine;
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::sql::Db;

pub(crate) fn breakdown(s: &Statistics, key: &str) -> BTreeMap<String, u32> {
    s.breakdowns
        .iter()
        .find(|b| b.key == key)
        .unwrap_or_else(|| panic!("no {key} breakdown"))
        .rows
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| (r.label.clone(), r.count))
        .collect()
}

fn the_demo_boroughs_figures_match_a_count_made_from_its_rows<S: Engine>(mut empty: Empty<S>) {
    demo::load(&mut empty.store, today()).unwrap();
    empty
        .store
        .read(|db| {
            demo_figures_match(db);
            Ok(())
        })
        .unwrap();
}

fn demo_figures_match(db: &dyn Db) {
    let panel = panels::list(db).unwrap()[0].id;
    let mut periods: Vec<(String, String)> = statistics::period_choices(today())
        .into_iter()
        .map(|p| (p.from, p.to))
        .collect();
    periods.push(("2020-01-01".into(), "2026-12-31".into()));
    let mut seen_repeat = false;
    let mut seen_actions = false;
    for (from, to) in &periods {
        let request = StatisticsRequest {
            panel_id: panel,
            from: from.clone(),
            to: to.clone(),
        };
        let actual = statistics::compute(db, &request, today()).unwrap();
        let want = expected(db, &panel.to_string(), from, to);
        assert_same(&actual, &want, &format!("{from} to {to}"));
        seen_repeat |= actual.repeat_cases > 0;
        seen_actions |= actual
            .actions
            .iter()
            .any(|a| a.on_time > 0 && a.late + a.not_done > 0);
    }
    // The checks above compared something: the demo has all of it.
    let default = statistics::compute(
        db,
        &StatisticsRequest {
            panel_id: panel,
            from: periods[1].0.clone(),
            to: periods[1].1.clone(),
        },
        today(),
    )
    .unwrap();
    assert!(default.cases_heard >= 10, "{}", default.cases_heard);
    assert!(default.reviewed > 0 && default.first_heard > 0);
    assert!(default.mean_seconds.is_some());
    assert!(seen_repeat, "a repeat is heard in some period");
    assert!(seen_actions, "actions done on time and not");
}

fn known_sqlite() -> (Fixture, StatisticsRequest) {
    known_fixture(common::fixture())
}

fn known_postgres() -> (Fixture<PgStore>, StatisticsRequest) {
    known_fixture(common::pg_fixture())
}

/// Ten people with known answers, heard at one meeting.
fn known_fixture<S: Engine>(mut f: Fixture<S>) -> (Fixture<S>, StatisticsRequest) {
    let meeting = f.meeting("2026-12-02");
    // Gender: 5 female, 4 male, 1 non-binary, 0 not known.
    let genders = [
        Gender::Female,
        Gender::Female,
        Gender::Female,
        Gender::Female,
        Gender::Female,
        Gender::Male,
        Gender::Male,
        Gender::Male,
        Gender::Male,
        Gender::NonBinary,
    ];
    for (i, g) in genders.iter().enumerate() {
        let mut input = f.referral(
            &format!("Person {i} Example"),
            // Ages at referral: 16, 17 and 15 in turn.
            ["2010-01-10", "2009-01-10", "2011-01-10"][i % 3],
            "2026-11-20",
        );
        input.gender = Some(*g);
        if i >= 6 {
            input.referring_agency_id = Some(f.csc);
        }
        if i == 0 {
            input.children_count = 2;
        }
        if i == 1 {
            // Records win over the number typed: two children and one unborn.
            input.children_count = 5;
        }
        let case = cases::create(&mut f.store, &input, today()).unwrap();
        if i == 1 {
            referral::save(&mut f.store, case.id, &family(), today()).unwrap();
        }
        cases::transition(&mut f.store, case.id, &CaseAction::Accept, today()).unwrap();
        meetings::record_hearing(
            &mut f.store,
            meeting.id,
            case.id,
            if i < 5 {
                HearingOutcome::Close
            } else {
                HearingOutcome::Continue
            },
            None,
        )
        .unwrap();
    }
    let request = StatisticsRequest {
        panel_id: f.panel.id,
        from: "01/10/2026".into(),
        to: "31/12/2026".into(),
    };
    (f, request)
}

/// Two children, one unborn; a perpetrator of 16 at the referral and one of 30.
fn family() -> ReferralDetails {
    let child = |name: &str, born: &str, due: &str| ChildInput {
        id: None,
        name: name.into(),
        date_of_birth: born.into(),
        due_date: due.into(),
        relationship_to_person: Some(ChildRelationship::Child),
        relationship_to_perpetrator: Some(ChildRelationship::NotKnown),
        lives_with: "Mother".into(),
        school: String::new(),
    };
    let perpetrator = |name: &str, born: &str| PerpetratorInput {
        id: None,
        name: name.into(),
        aliases: Vec::new(),
        date_of_birth: born.into(),
        relationship: Some(PerpetratorRelationship::FormerPartner),
    };
    ReferralDetails {
        children: vec![
            child("Ada", "2020-05-01", ""),
            child("Ben", "2022-07-09", ""),
            child("", "", "2027-03-01"),
        ],
        perpetrators: vec![
            perpetrator("Kyle Young", "2010-06-01"),
            perpetrator("Mark Older", "1996-02-02"),
        ],
        ..ReferralDetails::empty()
    }
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = common::run_tool(
        Command::new("pdftotext")
            .args(["-layout"])
            .arg(path)
            .arg("-"),
    );
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn known_figures_come_out_exactly_on_screen_and_suppressed_in_exports<S: Engine>(
    (mut f, request): (Fixture<S>, StatisticsRequest),
) {
    let s = f
        .store
        .read(|db| statistics::compute(db, &request, today()))
        .unwrap();
    assert_eq!(s.cases_heard, 10);
    assert_eq!(s.repeat_cases, 0);
    assert_eq!(s.first_heard, 10);
    assert_eq!(s.not_from_police, 4);
    assert_eq!((s.cases_with_children, s.children), (2, 4));
    assert_eq!((s.unborn_children, s.young_perpetrators), (1, 1));
    let g = breakdown(&s, "gender");
    assert_eq!(g.get("Female"), Some(&5));
    assert_eq!(g.get("Male"), Some(&4));
    assert_eq!(g.get("Non-binary"), Some(&1));
    assert_eq!(g.get("Not known"), None);
    let ages = breakdown(&s, "age_band");
    assert_eq!(ages.get("16 to 17"), Some(&7), "{ages:?}");
    assert_eq!(ages.get("13 to 15"), Some(&3));
    let outcomes = breakdown(&s, "outcome");
    assert_eq!(outcomes.get("Closed"), Some(&5));
    assert_eq!(outcomes.get("Continue (kept for review)"), Some(&5));

    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_path_buf();
    let now = chrono::Utc::now();
    let csv = exports::write_report(
        &mut f.store,
        &ReportRequest::StatisticsCsv {
            request: request.clone(),
        },
        &folder,
        false,
        None,
        now,
    )
    .unwrap();
    let mut reader = csv::Reader::from_path(&csv.path).unwrap();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let value = |section: &str, item: &str| -> String {
        rows.iter()
            .find(|r| r[0] == section && r[1] == item)
            .unwrap_or_else(|| panic!("no {section} / {item} in the CSV"))[2]
            .clone()
    };
    // 0 and 5 as they are; 1 and 4 suppressed.
    assert_eq!(value("Gender", "Not known"), "0");
    assert_eq!(value("Gender", "Non-binary"), "<5");
    assert_eq!(value("Gender", "Male"), "<5");
    assert_eq!(value("Gender", "Female"), "5");
    assert_eq!(
        value("summary", "Cases with children in the household"),
        "<5"
    );
    assert_eq!(value("summary", "Cases heard"), "10");
    assert_eq!(value("summary", "Share not from the police"), "suppressed");
    for r in &rows {
        if r[0] != "period"
            && r[0] != "panel"
            && r[1] != "Meetings held"
            && !r[1].starts_with("Minutes")
        {
            assert!(
                !matches!(r[2].as_str(), "1" | "2" | "3" | "4"),
                "an exact small count left the machine: {r:?}"
            );
        }
    }

    let pdf = exports::write_report(
        &mut f.store,
        &ReportRequest::StatisticsPdf { request },
        &folder,
        false,
        None,
        now,
    )
    .unwrap();
    let text = pdftotext(std::path::Path::new(&pdf.path));
    let line = |label: &str| -> String {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no line for {label} in\n{text}"))
            .to_string()
    };
    let cells = |label: &str| -> Vec<String> {
        line(label)
            .trim_start()
            .trim_start_matches(label)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(cells("Female"), ["5", "50%"]);
    assert_eq!(cells("Male"), ["<5", "suppressed"]);
    assert_eq!(cells("Non-binary"), ["<5", "suppressed"]);
    assert_eq!(cells("Not known")[0], "0");
    assert!(text.contains("Counts from 1 to 4 are"), "{text}");
    assert!(
        !text.contains("Person 0") && !text.contains("Example"),
        "the statistics hold no one's name"
    );
}

fn a_period_must_be_real_dates_in_order<S: Engine>(
    (mut f, mut request): (Fixture<S>, StatisticsRequest),
) {
    let mut compute = |request: &StatisticsRequest| {
        f.store
            .read(|db| statistics::compute(db, request, today()))
            .unwrap_err()
    };
    request.from = "31/12/2026".into();
    request.to = "01/10/2026".into();
    let err = compute(&request);
    assert_eq!(common::fields(err), ["to"]);
    request.from = "sometime".into();
    request.to = String::new();
    let err = compute(&request);
    assert_eq!(common::fields(err), ["from", "to"]);
    request.from = "01/01/2000".into();
    request.to = "01/01/2020".into();
    let err = compute(&request);
    assert_eq!(common::fields(err), ["to"]);
}

crate::on_both_engines!(
    crate::common::empty_sqlite, crate::common::empty_postgres;
    the_demo_boroughs_figures_match_a_count_made_from_its_rows,
);

crate::on_both_engines!(
    super::known_sqlite, super::known_postgres;
    known_figures_come_out_exactly_on_screen_and_suppressed_in_exports,
    a_period_must_be_real_dates_in_order,
);
