//! One core, two engines, the same results: a generated borough (the scale
//! benchmark's, small) on SQLCipher, copied into PostgreSQL, then every
//! screen that reads a lot asked the same question on both: the counts and
//! landmarks, a year's statistics, the tracker, searches in several
//! scripts, a case in the cockpit, the minutes and an agency's plan. The
//! answers must be equal, field for field.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Days, TimeZone, Utc};
use roundtable_core::Store;
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::statistics::{self, StatisticsRequest};
use roundtable_core::features::tracker::{self, ActionFilter};
use roundtable_core::features::{cockpit, documents, meetings};
use roundtable_core::scale::{self, Spec};
use roundtable_core::store::pg::scratch::ScratchDatabase;
use roundtable_core::store::sql::Db;

/// Everything asked of one engine, as text to compare.
fn answers(db: &dyn Db, spec: &Spec) -> Vec<(String, String)> {
    let today = spec.today;
    let now = Utc.from_utc_datetime(&today.and_hms_opt(10, 0, 0).unwrap());
    let marks = scale::landmarks(db).unwrap();
    let mut out = vec![
        ("counts".into(), format!("{:?}", scale::counts(db).unwrap())),
        ("landmarks".into(), format!("{marks:?}")),
    ];
    let year = StatisticsRequest {
        panel_id: marks.big_meeting_panel,
        from: (today - Days::new(364)).format("%Y-%m-%d").to_string(),
        to: today.format("%Y-%m-%d").to_string(),
    };
    let stats = statistics::compute(db, &year, today).unwrap();
    out.push(("statistics".into(), format!("{stats:?}")));
    let filter = ActionFilter {
        agency_id: Some(marks.busiest_agency),
        ..ActionFilter::open()
    };
    let page = tracker::list(db, &filter, today).unwrap();
    out.push(("tracker".into(), format!("{page:?}")));
    out.push((
        "lateness".into(),
        format!("{:?}", tracker::lateness(db, None, today).unwrap()),
    ));
    for query in ["okafor", "nguyen van", "Іван", "MA-2", "SE13"] {
        let filter = CaseFilter {
            query: query.into(),
            ..CaseFilter::default()
        };
        let mut found: Vec<String> = cases::list(db, &filter, today)
            .unwrap()
            .into_iter()
            .map(|c| c.reference)
            .collect();
        found.sort();
        out.push((format!("search {query}"), format!("{found:?}")));
    }
    let meeting = meetings::get(db, marks.big_meeting).unwrap();
    let case = meeting
        .items
        .iter()
        .find_map(|i| i.case.as_ref())
        .unwrap()
        .id;
    out.push(("agenda".into(), format!("{meeting:?}")));
    let view = cockpit::case_in_meeting(db, meeting.id, case, today).unwrap();
    out.push(("cockpit case".into(), format!("{view:?}")));
    let minutes = documents::minutes(db, meeting.id, now).unwrap();
    out.push(("minutes".into(), format!("{minutes:?}")));
    let plan = documents::action_plan(db, meeting.id, marks.present[0], now).unwrap();
    out.push(("action plan".into(), format!("{plan:?}")));
    out
}

#[test]
fn a_borough_copied_into_postgres_answers_every_screen_as_on_sqlcipher() {
    let spec = Spec::small(5);
    let dir = tempfile::tempdir().unwrap();
    let mut lite = Store::create(&dir.path().join("same.db"), "same results passphrase").unwrap();
    scale::generate(&mut lite, &spec).unwrap();
    let database = ScratchDatabase::new();
    let mut pg = database.store();
    scale::postgres::copy_to_postgres(&lite, &mut pg).unwrap();

    let expected = answers(lite.conn(), &spec);
    let found = pg.read(|db| Ok(answers(db, &spec))).unwrap();
    assert!(expected[0].1.contains("cases"), "{}", expected[0].1);
    for ((what, on_sqlite), (_, on_postgres)) in expected.iter().zip(&found) {
        let at = on_sqlite
            .chars()
            .zip(on_postgres.chars())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_sqlite.len().min(on_postgres.len()));
        let around = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(200))
                .take(400)
                .collect::<String>()
        };
        assert_eq!(
            on_sqlite,
            on_postgres,
            "{what} differs between the engines, from character {at}:\nSQLCipher: {}\nPostgreSQL: {}",
            around(on_sqlite),
            around(on_postgres)
        );
    }
    assert_eq!(expected.len(), found.len());
}
