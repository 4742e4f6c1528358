//! The panel statistics worked out a second time, by hand from the stored
//! rows and apart from the service, and the comparison of the two: the
//! yardstick the demo-borough test in `statistics` holds the service to. A
//! module of its own so each file stays short enough to read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::statistics::breakdown;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use roundtable_core::domain::case::{Ethnicity, Gender, YesNoUnknown};
use roundtable_core::domain::meeting::HearingOutcome;
use roundtable_core::features::statistics::{
    self, Statistics, age_band, ethnicity_label, gender_label, outcome_label, yes_no_label,
};
use roundtable_core::store::sql::Db;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Whole years, counted the long way round.
fn years(born: NaiveDate, on: NaiveDate) -> u32 {
    let mut y = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        y -= 1;
    }
    u32::try_from(y).unwrap()
}

fn count_into(map: &mut BTreeMap<String, u32>, key: &str) {
    *map.entry(key.to_string()).or_default() += 1;
}

/// Every figure the statistics screen shows, worked out from raw rows.
pub(crate) fn expected(db: &dyn Db, panel: &str, from: &str, to: &str) -> Statistics {
    let rows = |sql: &str| -> Vec<Vec<Option<String>>> {
        db.query(sql, &[])
            .unwrap()
            .iter()
            .map(|r| (0..r.len()).map(|i| r.text(i)).collect())
            .collect()
    };
    let meeting_panel: HashMap<String, String> = rows("SELECT id, panel_id FROM meeting")
        .into_iter()
        .map(|r| (r[0].clone().unwrap(), r[1].clone().unwrap()))
        .collect();
    let meeting_date: HashMap<String, String> = rows("SELECT id, date FROM meeting")
        .into_iter()
        .map(|r| (r[0].clone().unwrap(), r[1].clone().unwrap()))
        .collect();
    let hearings = rows("SELECT case_id, meeting_id, heard_on, outcome FROM hearing");
    let in_period = |date: &str| date >= from && date <= to;
    let ours: Vec<&Vec<Option<String>>> = hearings
        .iter()
        .filter(|h| meeting_panel[h[1].as_ref().unwrap()] == panel)
        .collect();
    let period_hearings: Vec<_> = ours
        .iter()
        .filter(|h| in_period(h[2].as_deref().unwrap()))
        .collect();
    let heard: BTreeSet<String> = period_hearings
        .iter()
        .map(|h| h[0].clone().unwrap())
        .collect();
    let mut first: HashMap<String, String> = HashMap::new();
    for h in &hearings {
        let e = first
            .entry(h[0].clone().unwrap())
            .or_insert_with(|| h[2].clone().unwrap());
        if h[2].as_ref().unwrap() < e {
            *e = h[2].clone().unwrap();
        }
    }
    let agencies: HashMap<String, (String, String)> = rows("SELECT id, name, sector FROM agency")
        .into_iter()
        .map(|r| {
            (
                r[0].clone().unwrap(),
                (r[1].clone().unwrap(), r[2].clone().unwrap()),
            )
        })
        .collect();
    let mut s = Statistics {
        panel_id: uuid::Uuid::parse_str(panel).unwrap(),
        panel_name: String::new(),
        from: from.into(),
        to: to.into(),
        meetings: 0,
        cases_heard: 0,
        repeat_cases: 0,
        new_cases: 0,
        first_heard: 0,
        reviewed: 0,
        repeat_rate: None,
        not_from_police: 0,
        not_from_police_share: None,
        cases_with_children: 0,
        children: 0,
        unborn_children: 0,
        young_perpetrators: 0,
        hearings: 0,
        timed_hearings: 0,
        mean_seconds: None,
        median_seconds: None,
        timing_by_meeting: Vec::new(),
        breakdowns: Vec::new(),
        actions: Vec::new(),
    };
    let kids = rows("SELECT case_id, due_date FROM case_child");
    let perpetrators = rows("SELECT case_id, date_of_birth FROM case_perpetrator");
    let mut referrer = BTreeMap::new();
    let mut gender = BTreeMap::new();
    let mut ethnicity = BTreeMap::new();
    let mut disability = BTreeMap::new();
    let mut lgbt = BTreeMap::new();
    let mut age = BTreeMap::new();
    for c in rows(
        "SELECT id, repeat_of, gender, ethnicity, disability, lgbt, date_of_birth, approximate_age,
                referral_date, children_count, referring_agency_id FROM person_case",
    ) {
        let id = c[0].clone().unwrap();
        if !heard.contains(&id) {
            continue;
        }
        s.cases_heard += 1;
        if c[1].is_some() {
            s.repeat_cases += 1;
        } else {
            s.new_cases += 1;
        }
        if first[&id].as_str() >= from {
            s.first_heard += 1;
        } else {
            s.reviewed += 1;
        }
        let referred_by = c[10].as_ref().map(|a| &agencies[a]);
        if referred_by.is_none_or(|(_, sector)| sector != "police") {
            s.not_from_police += 1;
        }
        count_into(
            &mut referrer,
            referred_by.map_or("Not recorded", |(n, _)| n.as_str()),
        );
        // Children from the case's children records (born ones; unborn
        // apart), or the number typed for a case without records.
        let records: Vec<_> = kids
            .iter()
            .filter(|k| k[0].as_deref() == Some(&id))
            .collect();
        let children: u32 = if records.is_empty() {
            c[9].as_deref().unwrap().parse().unwrap()
        } else {
            u32::try_from(records.iter().filter(|k| k[1].is_none()).count()).unwrap()
        };
        s.unborn_children +=
            u32::try_from(records.iter().filter(|k| k[1].is_some()).count()).unwrap();
        s.young_perpetrators += u32::try_from(
            perpetrators
                .iter()
                .filter(|p| p[0].as_deref() == Some(&id))
                .filter_map(|p| p[1].as_deref())
                .filter(|born| years(d(born), d(c[8].as_deref().unwrap())) < 18)
                .count(),
        )
        .unwrap();
        if children > 0 {
            s.cases_with_children += 1;
        }
        s.children += children;
        let label = |v: &Option<String>, f: &dyn Fn(&str) -> &'static str| {
            v.as_deref().map_or("Not recorded", f)
        };
        count_into(
            &mut gender,
            label(&c[2], &|g| gender_label(Gender::parse(g).unwrap())),
        );
        count_into(
            &mut ethnicity,
            label(&c[3], &|e| ethnicity_label(Ethnicity::parse(e).unwrap())),
        );
        count_into(
            &mut disability,
            label(&c[4], &|y| yes_no_label(YesNoUnknown::parse(y).unwrap())),
        );
        count_into(
            &mut lgbt,
            label(&c[5], &|y| yes_no_label(YesNoUnknown::parse(y).unwrap())),
        );
        let years_old = match &c[6] {
            Some(born) => Some(years(d(born), d(c[8].as_deref().unwrap()))),
            None => c[7].as_deref().map(|a| a.parse().unwrap()),
        };
        count_into(&mut age, age_band(years_old));
    }
    let mut outcomes = BTreeMap::new();
    for h in &period_hearings {
        count_into(
            &mut outcomes,
            h[3].as_deref().map_or("Not recorded", |o| {
                outcome_label(HearingOutcome::parse(o).unwrap())
            }),
        );
    }
    s.hearings = u32::try_from(period_hearings.len()).unwrap();
    s.meetings = u32::try_from(
        period_hearings
            .iter()
            .map(|h| h[1].clone())
            .collect::<BTreeSet<_>>()
            .len(),
    )
    .unwrap();
    let mut seconds: Vec<u32> = rows("SELECT meeting_id, kind, actual_seconds FROM agenda_item")
        .into_iter()
        .filter(|i| {
            let m = i[0].as_ref().unwrap();
            meeting_panel[m] == panel
                && in_period(&meeting_date[m])
                && matches!(i[1].as_deref(), Some("new_case" | "review_case"))
        })
        .map(|i| i[2].as_deref().unwrap().parse().unwrap())
        .filter(|s| *s > 0)
        .collect();
    seconds.sort_unstable();
    s.timed_hearings = u32::try_from(seconds.len()).unwrap();
    if !seconds.is_empty() {
        let total: u32 = seconds.iter().sum();
        s.mean_seconds = Some((f64::from(total) / seconds.len() as f64).round() as u32);
    }
    // Done on time: the last report of "done" is on or before the due date.
    let mut completed: HashMap<String, String> = HashMap::new();
    for u in rows("SELECT action_id, reported_on, status FROM action_update ORDER BY at") {
        if u[2].as_deref() == Some("done") {
            completed.insert(u[0].clone().unwrap(), u[1].clone().unwrap());
        }
    }
    let mut by_agency: BTreeMap<String, [u32; 5]> = BTreeMap::new();
    for a in rows("SELECT id, meeting_id, agency_id, due_date, status FROM action") {
        let due = match &a[3] {
            Some(due) if in_period(due) => due.clone(),
            _ => continue,
        };
        if meeting_panel[a[1].as_ref().unwrap()] != panel {
            continue;
        }
        let e = by_agency
            .entry(agencies[a[2].as_ref().unwrap()].0.clone())
            .or_default();
        e[0] += 1;
        match a[4].as_deref().unwrap() {
            "done" if completed[a[0].as_ref().unwrap()] <= due => e[1] += 1,
            "done" => e[2] += 1,
            "open" | "in_progress" => e[4] += 1,
            _ => e[3] += 1,
        }
    }
    s.actions = by_agency
        .into_iter()
        .map(|(name, n)| statistics::AgencyActions {
            agency_name: name,
            agency_code: String::new(),
            due: n[0],
            on_time: n[1],
            late: n[2],
            not_done: n[3],
            open: n[4],
            on_time_share: percent(n[1], n[0]),
        })
        .collect();
    let rows_of = |m: BTreeMap<String, u32>| -> Vec<statistics::Count> {
        m.into_iter()
            .map(|(label, count)| statistics::Count { label, count })
            .collect()
    };
    for (key, map) in [
        ("referring_agency", referrer),
        ("gender", gender),
        ("ethnicity", ethnicity),
        ("disability", disability),
        ("lgbt", lgbt),
        ("age_band", age),
        ("outcome", outcomes),
    ] {
        s.breakdowns.push(statistics::Breakdown {
            key: key.into(),
            title: String::new(),
            of: String::new(),
            rows: rows_of(map),
        });
    }
    s.repeat_rate = percent(s.repeat_cases, s.cases_heard);
    s.not_from_police_share = percent(s.not_from_police, s.cases_heard);
    s
}

/// A percentage counted apart from the core's rule: halves rounded up.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| (f64::from(part) * 100.0 / f64::from(whole) + 0.5).floor() as u32)
}

pub(crate) fn assert_same(actual: &Statistics, expected: &Statistics, period: &str) {
    let pairs = [
        ("meetings", actual.meetings, expected.meetings),
        ("cases heard", actual.cases_heard, expected.cases_heard),
        ("repeats", actual.repeat_cases, expected.repeat_cases),
        ("new", actual.new_cases, expected.new_cases),
        ("first heard", actual.first_heard, expected.first_heard),
        ("reviewed", actual.reviewed, expected.reviewed),
        ("children", actual.children, expected.children),
        ("unborn", actual.unborn_children, expected.unborn_children),
        (
            "young perpetrators",
            actual.young_perpetrators,
            expected.young_perpetrators,
        ),
        (
            "not from police",
            actual.not_from_police,
            expected.not_from_police,
        ),
        (
            "with children",
            actual.cases_with_children,
            expected.cases_with_children,
        ),
        ("children", actual.children, expected.children),
        ("hearings", actual.hearings, expected.hearings),
        ("timed", actual.timed_hearings, expected.timed_hearings),
    ];
    for (what, a, e) in pairs {
        assert_eq!(a, e, "{what} for {period}");
    }
    assert_eq!(actual.mean_seconds, expected.mean_seconds, "{period}");
    assert_eq!(
        actual.repeat_rate, expected.repeat_rate,
        "repeat rate for {period}"
    );
    assert_eq!(
        actual.not_from_police_share, expected.not_from_police_share,
        "share not from the police for {period}"
    );
    for b in &expected.breakdowns {
        let want: BTreeMap<String, u32> =
            b.rows.iter().map(|r| (r.label.clone(), r.count)).collect();
        assert_eq!(breakdown(actual, &b.key), want, "{} for {period}", b.key);
    }
    let by_agency = |s: &Statistics| {
        let mut rows: Vec<(String, [u32; 5], Option<u32>)> = s
            .actions
            .iter()
            .map(|a| {
                (
                    a.agency_name.clone(),
                    [a.due, a.on_time, a.late, a.not_done, a.open],
                    a.on_time_share,
                )
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(
        by_agency(actual),
        by_agency(expected),
        "actions by agency for {period}"
    );
}
