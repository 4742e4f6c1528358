//! The SafeLives quarterly return (issue 20): its counts equal the panel
//! statistics' exact figures for every quarter of the demo borough (on both
//! engines) and of the ten-year borough; a quarter with no cases is all
//! zeros; the files to submit (CSV, XLSX) hold the same numbers under the
//! warning that they are exact; the population is checked by field.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use proptest::prelude::*;
use roundtable_core::CoreError;
use roundtable_core::dates::local_today;
use roundtable_core::features::exports::{self, ReportRequest};
use roundtable_core::features::safelives_return::{
    self, EXACT_WARNING, PopulationInput, ReturnRow, SafeLivesReturn,
};
use roundtable_core::features::sealing::Encryption;
use roundtable_core::features::statistics::{self, Statistics, StatisticsRequest};
use roundtable_core::features::{demo, panels};
use roundtable_core::scale::{self, Spec};
use roundtable_core::store::Engine;
use roundtable_core::store::sql::Db;

use crate::common;
use common::Empty;

fn breakdown(s: &Statistics, key: &str, labels: &[&str]) -> u32 {
    let b = s.breakdowns.iter().find(|b| b.key == key).unwrap();
    b.rows
        .iter()
        .filter(|r| labels.contains(&r.label.as_str()))
        .map(|r| r.count)
        .sum()
}

/// The return's line against the statistics' figures for the same days.
fn assert_line(line: &ReturnRow, s: &Statistics, what: &str) {
    let white = [
        "White: English, Welsh, Scottish, Northern Irish or British",
        "White: Irish",
        "White: any other White background",
        "Not stated",
        "Not recorded",
    ];
    let ethnicity = s.breakdowns.iter().find(|b| b.key == "ethnicity").unwrap();
    let minoritised: u32 = ethnicity
        .rows
        .iter()
        .filter(|r| !white.contains(&r.label.as_str()))
        .map(|r| r.count)
        .sum();
    let expected = ReturnRow {
        label: line.label.clone(),
        meeting_date: line.meeting_date.clone(),
        cases: s.cases_heard,
        repeat_cases: s.repeat_cases,
        referred_by_police: s.cases_heard - s.not_from_police,
        referred_by_others: s.not_from_police,
        cases_with_children: s.cases_with_children,
        children: s.children,
        minoritised,
        lgbt: breakdown(s, "lgbt", &["Yes"]),
        disabled: breakdown(s, "disability", &["Yes"]),
        male: breakdown(s, "gender", &["Male"]),
        aged_16_to_17: breakdown(s, "age_band", &["16 to 17"]),
        young_perpetrators: s.young_perpetrators,
    };
    assert_eq!(line, &expected, "{what}");
}

/// Every quarter offered for the panel: the return equals the statistics.
fn every_quarter_matches(db: &dyn Db, panel_id: uuid::Uuid, today: NaiveDate) -> u32 {
    let mut heard = 0;
    for period in statistics::period_choices(today) {
        let request = StatisticsRequest {
            panel_id,
            from: period.from.clone(),
            to: period.to.clone(),
        };
        let s = statistics::compute(db, &request, today).unwrap();
        let r = safelives_return::compute(db, &request, today).unwrap();
        assert_line(&r.quarter, &s, &period.label);
        assert_eq!(r.meetings.len() as u32, s.meetings, "{}", period.label);
        let by_meeting: u32 = r.meetings.iter().map(|m| m.cases).sum();
        assert_eq!(
            by_meeting, s.hearings,
            "each hearing is a case at a meeting"
        );
        for m in &r.meetings {
            let day = m.meeting_date.clone().unwrap();
            let one = StatisticsRequest {
                panel_id,
                from: day.clone(),
                to: day,
            };
            assert_line(m, &statistics::compute(db, &one, today).unwrap(), &m.label);
        }
        let referrers = s
            .breakdowns
            .iter()
            .find(|b| b.key == "referring_agency")
            .unwrap();
        let total: u32 = r.referrals_by_agency.iter().map(|c| c.count).sum();
        assert_eq!(total, s.cases_heard);
        assert!(
            referrers
                .rows
                .iter()
                .all(|c| c.count == 0 || r.referrals_by_agency.contains(c))
        );
        heard += s.cases_heard;
    }
    heard
}

fn the_demo_return_equals_the_statistics<S: Engine>(mut empty: Empty<S>) {
    let store = &mut empty.store;
    store.set_actor("Yusuf Ali");
    let today = local_today();
    demo::load(store, today).unwrap();
    let panels = store.read(|db| panels::list(db)).unwrap();
    let mut heard = 0;
    for panel in &panels {
        heard += store
            .read(|db| Ok(every_quarter_matches(db, panel.id, today)))
            .unwrap();
    }
    assert!(heard > 0, "the demo's quarters have cases");

    // The population: checked by field, then the rate from it.
    let panel = panels[0].id;
    let bad = PopulationInput {
        panel_id: panel,
        women_16_plus: "about 100k".into(),
        source: String::new(),
    };
    match safelives_return::set_population(store, &bad) {
        Err(CoreError::Validation(f)) => {
            let fields: Vec<_> = f.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(fields, ["women_16_plus", "source"]);
        }
        other => panic!("{other:?}"),
    }
    let good = PopulationInput {
        women_16_plus: "112,400".into(),
        source: "ONS mid-2024 estimate".into(),
        ..bad
    };
    safelives_return::set_population(store, &good).unwrap();
    let period = &statistics::period_choices(today)[1];
    let request = StatisticsRequest {
        panel_id: panel,
        from: period.from.clone(),
        to: period.to.clone(),
    };
    let r = store
        .read(|db| safelives_return::compute(db, &request, today))
        .unwrap();
    assert_eq!(r.women_16_plus, Some(112_400));
    assert_eq!(
        r.cases_per_10000_women,
        safelives_return::per_10000(r.quarter.cases, 112_400)
    );
    the_files_hold_the_return(store, &request, &r);
}

/// The CSV and the XLSX hold the return's numbers under the warning; they
/// cannot be encrypted (not PDFs) and the audit log names them.
fn the_files_hold_the_return<S: Engine>(
    store: &mut S,
    request: &StatisticsRequest,
    r: &SafeLivesReturn,
) {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let csv = ReportRequest::SafeLivesReturnCsv {
        request: request.clone(),
    };
    let written = exports::write_report(store, &csv, dir.path(), false, None, now).unwrap();
    assert!(written.file_name.ends_with(".csv") && written.file_name.contains("safelives-return"));
    let text = std::fs::read_to_string(&written.path).unwrap();
    assert!(
        text.lines().next().unwrap().contains(EXACT_WARNING),
        "{text}"
    );
    let quarter = text.lines().find(|l| l.starts_with("Quarter,")).unwrap();
    assert!(
        quarter.starts_with(&format!(
            "Quarter,,{},{},",
            r.quarter.cases, r.quarter.repeat_cases
        )),
        "{quarter}"
    );

    let xlsx = ReportRequest::SafeLivesReturnXlsx {
        request: request.clone(),
    };
    let sealed = Encryption {
        recipient: "SafeLives".into(),
        ..Encryption::default()
    };
    let refused = exports::write_report(store, &xlsx, dir.path(), false, Some(&sealed), now);
    assert!(
        matches!(refused, Err(CoreError::Validation(_))),
        "{refused:?}"
    );
    let written = exports::write_report(store, &xlsx, dir.path(), false, None, now).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&written.path).unwrap();
    let sheet = book.worksheet_range("SafeLives return").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String(EXACT_WARNING.into()));
    let quarter = rows
        .iter()
        .find(|r| r[0] == Data::String("Quarter".into()))
        .unwrap();
    assert_eq!(quarter[2], Data::Float(f64::from(r.quarter.cases)));
    assert_eq!(
        quarter[13],
        Data::Float(f64::from(r.quarter.young_perpetrators))
    );
    let rate = rows
        .iter()
        .find(|row| row[0] == Data::String("Cases per 10,000 women aged 16 and over".into()))
        .unwrap();
    assert_eq!(
        rate[1],
        Data::String(r.cases_per_10000_women.clone().unwrap())
    );

    let log = store
        .read(|db| roundtable_core::audit::recent(db, 10))
        .unwrap();
    let details: Vec<String> = log
        .entries
        .iter()
        .filter_map(|e| e.detail.clone())
        .collect();
    assert!(
        details
            .iter()
            .any(|d| d.starts_with("SafeLives quarterly return, exact figures (XLSX)"))
    );
}

crate::on_both_engines!(
    crate::common::empty_sqlite, crate::common::empty_postgres;
    the_demo_return_equals_the_statistics,
);

#[test]
fn the_ten_year_boroughs_returns_equal_its_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        roundtable_core::Store::create(&dir.path().join("t.db"), "fixture passphrase").unwrap();
    let spec = Spec::ten_years(3);
    scale::generate(&mut store, &spec).unwrap();
    let panels = panels::list(store.conn()).unwrap();
    let heard: u32 = panels
        .iter()
        .map(|p| every_quarter_matches(store.conn(), p.id, spec.today))
        .sum();
    assert!(heard > 100, "{heard} cases in the quarters offered");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A quarter in which the panel heard nothing: every count is 0, no
    /// meeting lines, a rate of 0.0, and the files are still whole.
    #[test]
    fn a_quarter_with_no_cases_is_all_zeros(year in 1990i32..2020, quarter in 0u32..4, women in 1u32..5_000_000) {
        let mut f = common::fixture();
        let from = NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1).unwrap();
        let to = from.checked_add_months(chrono::Months::new(3)).unwrap().pred_opt().unwrap();
        let request = StatisticsRequest {
            panel_id: f.panel.id,
            from: from.format("%Y-%m-%d").to_string(),
            to: to.format("%Y-%m-%d").to_string(),
        };
        safelives_return::set_population(&mut f.store, &PopulationInput {
            panel_id: f.panel.id,
            women_16_plus: women.to_string(),
            source: "ONS".into(),
        }).unwrap();
        let r = safelives_return::compute(f.store.conn(), &request, local_today()).unwrap();
        prop_assert!(r.meetings.is_empty());
        prop_assert_eq!(&r.quarter, &ReturnRow { label: "Quarter".into(), ..ReturnRow::default() });
        prop_assert_eq!(r.cases_per_10000_women.as_deref(), Some("0.0"));
        let csv = safelives_return::csv(&r).unwrap();
        prop_assert!(String::from_utf8(csv).unwrap().contains("Quarter,,0,0,0,0,0,0,0,0,0,0,0,0"));
        prop_assert!(!safelives_return::xlsx(&r).unwrap().is_empty());
    }
}
