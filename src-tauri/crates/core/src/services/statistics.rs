//! The figures a partnership reports for a panel over a period (a quarter by
//! default): cases heard, new and repeat, who referred them, children in the
//! households, demographics for disproportionality monitoring, outcomes,
//! time per case, and actions done on time by agency.
//!
//! Exact counts are for the screen. Everything exported (CSV and PDF) shows
//! a count of 1 to 4 as "<5", and a percentage built on such a count as
//! "suppressed", so no small group can be picked out.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate, Utc};
use roundtable_pdf::{Block, Column, Document};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::dates::parse_date;
use crate::domain::case::{Ethnicity, Gender, YesNoUnknown};
use crate::domain::meeting::HearingOutcome;
use crate::error::{CoreError, CoreResult};
use crate::services::cases::ymd;
use crate::validate::Validator;

/// What the statistics are asked for: a panel and a period, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatisticsRequest {
    pub panel_id: Uuid,
    /// First day of the period, as typed (04/07/2026 or 2026-07-04).
    pub from: String,
    /// Last day of the period, included.
    pub to: String,
}

/// A named period offered in the period picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PeriodChoice {
    pub label: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

/// One breakdown of the cases heard (or of the hearings, for outcomes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Breakdown {
    /// Stable name for CSV and tests: "referring_agency", "gender", ...
    pub key: String,
    pub title: String,
    /// What is counted: "cases" or "hearings".
    pub of: String,
    pub rows: Vec<Count>,
}

/// Actions due in the period, by owning agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyActions {
    pub agency_name: String,
    pub agency_code: String,
    pub due: u32,
    /// Reported done on or before the due date.
    pub on_time: u32,
    /// Reported done after the due date.
    pub late: u32,
    pub not_done: u32,
    /// Still open or in progress.
    pub open: u32,
}

/// The actual time the panel spent on the cases of one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingTiming {
    pub date: String,
    pub cases_timed: u32,
    pub mean_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Statistics {
    pub panel_id: Uuid,
    pub panel_name: String,
    pub from: String,
    pub to: String,
    /// Meetings held in the period (those with at least one hearing).
    pub meetings: u32,
    /// Distinct cases heard at least once in the period.
    pub cases_heard: u32,
    /// Of those, confirmed repeats (referred again within the repeat window).
    pub repeat_cases: u32,
    /// Of those, not repeats.
    pub new_cases: u32,
    /// Of the cases heard, heard for the first time in the period.
    pub first_heard: u32,
    /// Of the cases heard, heard before the period too (reviews).
    pub reviewed: u32,
    /// Of the cases heard, referred by an agency that is not the police.
    pub not_from_police: u32,
    /// Cases heard with children in the household, and how many children.
    pub cases_with_children: u32,
    pub children: u32,
    /// Hearings in the period (a case heard twice counts twice).
    pub hearings: u32,
    /// Hearings whose time was kept in the cockpit, and the time per case.
    pub timed_hearings: u32,
    pub mean_seconds: Option<u32>,
    pub median_seconds: Option<u32>,
    pub timing_by_meeting: Vec<MeetingTiming>,
    /// referring_agency, gender, ethnicity, disability, lgbt, age_band, outcome
    pub breakdowns: Vec<Breakdown>,
    pub actions: Vec<AgencyActions>,
}

fn first_of_quarter(d: NaiveDate) -> NaiveDate {
    let month = (d.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(d.year(), month, 1).unwrap_or(d)
}

fn quarter_label(start: NaiveDate) -> String {
    let end = start.checked_add_months(Months::new(2)).unwrap_or(start);
    format!(
        "{} to {} {} (Q{})",
        start.format("%B"),
        end.format("%B"),
        start.year(),
        start.month0() / 3 + 1
    )
}

/// The last complete calendar quarter: what a quarterly return reports.
pub fn default_period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let this = first_of_quarter(today);
    let start = this.checked_sub_months(Months::new(3)).unwrap_or(this);
    let end = this.pred_opt().unwrap_or(this);
    (start, end)
}

/// The periods offered: the quarter so far, the last eight quarters, the
/// last twelve months and the year so far. The default comes second.
pub fn period_choices(today: NaiveDate) -> Vec<PeriodChoice> {
    let mut out = Vec::new();
    let this = first_of_quarter(today);
    out.push(PeriodChoice {
        label: format!("{} so far", quarter_label(this)),
        from: ymd(this),
        to: ymd(today),
    });
    let mut start = this;
    for _ in 0..8 {
        let end = start.pred_opt().unwrap_or(start);
        start = start.checked_sub_months(Months::new(3)).unwrap_or(start);
        out.push(PeriodChoice {
            label: quarter_label(start),
            from: ymd(start),
            to: ymd(end),
        });
    }
    let year_ago = today
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(today);
    out.push(PeriodChoice {
        label: "The last twelve months".into(),
        from: ymd(year_ago),
        to: ymd(today),
    });
    out.push(PeriodChoice {
        label: format!("{} so far", today.year()),
        from: ymd(NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today)),
        to: ymd(today),
    });
    out
}

pub fn gender_label(g: Gender) -> &'static str {
    match g {
        Gender::Female => "Female",
        Gender::Male => "Male",
        Gender::NonBinary => "Non-binary",
        Gender::SelfDescribed => "Self-described",
        Gender::NotKnown => "Not known",
    }
}

pub fn yes_no_label(y: YesNoUnknown) -> &'static str {
    match y {
        YesNoUnknown::Yes => "Yes",
        YesNoUnknown::No => "No",
        YesNoUnknown::NotKnown => "Not known",
    }
}

pub fn ethnicity_label(e: Ethnicity) -> &'static str {
    match e {
        Ethnicity::Bangladeshi => "Asian: Bangladeshi",
        Ethnicity::Chinese => "Asian: Chinese",
        Ethnicity::Indian => "Asian: Indian",
        Ethnicity::Pakistani => "Asian: Pakistani",
        Ethnicity::OtherAsian => "Asian: any other Asian background",
        Ethnicity::African => "Black: African",
        Ethnicity::Caribbean => "Black: Caribbean",
        Ethnicity::OtherBlack => "Black: any other Black, Black British or Caribbean background",
        Ethnicity::WhiteAndAsian => "Mixed: White and Asian",
        Ethnicity::WhiteAndBlackAfrican => "Mixed: White and Black African",
        Ethnicity::WhiteAndBlackCaribbean => "Mixed: White and Black Caribbean",
        Ethnicity::OtherMixed => "Mixed: any other mixed or multiple ethnic background",
        Ethnicity::WhiteBritish => "White: English, Welsh, Scottish, Northern Irish or British",
        Ethnicity::WhiteIrish => "White: Irish",
        Ethnicity::GypsyOrIrishTraveller => "White: Gypsy or Irish Traveller",
        Ethnicity::Roma => "White: Roma",
        Ethnicity::OtherWhite => "White: any other White background",
        Ethnicity::Arab => "Other: Arab",
        Ethnicity::AnyOther => "Other: any other ethnic group",
        Ethnicity::NotStated => "Not stated",
    }
}

pub fn outcome_label(o: HearingOutcome) -> &'static str {
    match o {
        HearingOutcome::Continue => "Continue (kept for review)",
        HearingOutcome::Close => "Closed",
        HearingOutcome::Escalate => "Escalated",
        HearingOutcome::Redirect => "Redirected",
        HearingOutcome::Defer => "Deferred",
    }
}

pub const NOT_RECORDED: &str = "Not recorded";

/// Age bands for monitoring; 16-17 stands on its own, as returns ask.
pub const AGE_BANDS: &[(u32, u32, &str)] = &[
    (0, 12, "Under 13"),
    (13, 15, "13 to 15"),
    (16, 17, "16 to 17"),
    (18, 20, "18 to 20"),
    (21, 24, "21 to 24"),
    (25, 34, "25 to 34"),
    (35, 49, "35 to 49"),
    (50, 64, "50 to 64"),
    (65, 200, "65 and over"),
];

pub fn age_band(age: Option<u32>) -> &'static str {
    age.and_then(|a| {
        AGE_BANDS
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&a))
            .map(|(_, _, label)| *label)
    })
    .unwrap_or(NOT_RECORDED)
}

/// Whole years from `born` to `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    on.years_since(born)
}

fn parse(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Checks a request's dates: both given, in order, at most ten years apart.
pub fn checked_period(
    request: &StatisticsRequest,
    today: NaiveDate,
) -> CoreResult<(NaiveDate, NaiveDate)> {
    let mut v = Validator::new();
    let date = |field: &str, text: &str, v: &mut Validator| match parse_date(text, today) {
        Some(d) => Some(d),
        None if text.trim().is_empty() => {
            v.add(field, "Enter a date, for example 01/07/2026.");
            None
        }
        None => {
            v.add(field, "Enter a real date, for example 01/07/2026.");
            None
        }
    };
    let from = date("from", &request.from, &mut v);
    let to = date("to", &request.to, &mut v);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            v.add("to", "The end of the period is before its start.");
        } else if (t - f).num_days() > 3_660 {
            v.add("to", "Choose a period of at most ten years.");
        }
    }
    v.finish()?;
    match (from, to) {
        (Some(f), Some(t)) => Ok((f, t)),
        _ => Err(CoreError::Storage("dates checked above".into())),
    }
}

struct CaseRow {
    repeat: bool,
    gender: Option<String>,
    ethnicity: Option<String>,
    disability: Option<String>,
    lgbt: Option<String>,
    date_of_birth: Option<String>,
    approximate_age: Option<u32>,
    referral_date: String,
    children: u32,
    referrer: Option<String>,
    referrer_sector: Option<String>,
    first_heard: String,
}

fn tally<'a>(labels: impl IntoIterator<Item = &'a str>, order: &[&str]) -> Vec<Count> {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for l in labels {
        *counts.entry(l).or_default() += 1;
    }
    let mut rows: Vec<Count> = order
        .iter()
        .map(|l| Count {
            label: (*l).to_string(),
            count: counts.remove(l).unwrap_or(0),
        })
        .collect();
    // Anything not in the fixed order (agency names) by count, then name.
    let mut rest: Vec<(&str, u32)> = counts.into_iter().collect();
    rest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let not_recorded = rest.iter().position(|(l, _)| *l == NOT_RECORDED);
    let last = not_recorded.map(|i| rest.remove(i));
    rows.extend(rest.into_iter().chain(last).map(|(l, c)| Count {
        label: l.to_string(),
        count: c,
    }));
    rows
}

fn coded<T: Copy>(
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    label: fn(T) -> &'static str,
) -> &'static str {
    value.and_then(parse).map_or(NOT_RECORDED, label)
}

/// The panel's figures for the request's period.
pub fn compute(
    conn: &Connection,
    request: &StatisticsRequest,
    today: NaiveDate,
) -> CoreResult<Statistics> {
    let (from, to) = checked_period(request, today)?;
    let panel = request.panel_id.to_string();
    let panel_name: String = conn
        .query_row("SELECT name FROM panel WHERE id = ?1", [&panel], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(CoreError::NotFound("That panel"))?;
    let (f, t) = (ymd(from), ymd(to));

    let cases = conn
        .prepare_cached(
            "SELECT c.repeat_of IS NOT NULL, c.gender, c.ethnicity, c.disability, c.lgbt, c.date_of_birth,
                c.approximate_age, c.referral_date, c.children_count, g.name, g.sector,
                (SELECT min(h2.heard_on) FROM hearing h2 WHERE h2.case_id = c.id)
             FROM person_case c LEFT JOIN agency g ON g.id = c.referring_agency_id
             WHERE c.id IN (SELECT h.case_id FROM hearing h JOIN meeting m ON m.id = h.meeting_id
                            WHERE m.panel_id = ?1 AND h.heard_on BETWEEN ?2 AND ?3)",
        )?
        .query_map(params![panel, f, t], |r| {
            Ok(CaseRow {
                repeat: r.get(0)?,
                gender: r.get(1)?,
                ethnicity: r.get(2)?,
                disability: r.get(3)?,
                lgbt: r.get(4)?,
                date_of_birth: r.get(5)?,
                approximate_age: r.get(6)?,
                referral_date: r.get(7)?,
                children: r.get(8)?,
                referrer: r.get(9)?,
                referrer_sector: r.get(10)?,
                first_heard: r.get(11)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    let count = |pred: &dyn Fn(&CaseRow) -> bool| -> u32 {
        u32::try_from(cases.iter().filter(|c| pred(c)).count()).unwrap_or(u32::MAX)
    };
    let cases_heard = count(&|_| true);
    let repeat_cases = count(&|c| c.repeat);
    let first_heard = count(&|c| c.first_heard >= f);
    let not_from_police = count(&|c| c.referrer_sector.as_deref() != Some("police"));
    let cases_with_children = count(&|c| c.children > 0);
    let children = cases.iter().map(|c| c.children).sum();

    let ages = cases.iter().map(|c| {
        let at = parse(&c.referral_date);
        let age = match (c.date_of_birth.as_deref().and_then(parse), at) {
            (Some(born), Some(on)) => age_on(born, on),
            _ => c.approximate_age,
        };
        age_band(age)
    });
    let genders: Vec<&str> = Gender::ALL.iter().map(|g| gender_label(*g)).collect();
    let ethnicities: Vec<&str> = Ethnicity::ALL.iter().map(|e| ethnicity_label(*e)).collect();
    let yes_no: Vec<&str> = YesNoUnknown::ALL.iter().map(|y| yes_no_label(*y)).collect();
    let bands: Vec<&str> = AGE_BANDS.iter().map(|(_, _, l)| *l).collect();
    let with_not_recorded = |mut v: Vec<&'static str>| {
        v.push(NOT_RECORDED);
        v
    };

    let outcomes_raw: Vec<Option<String>> = conn
        .prepare_cached(
            "SELECT h.outcome FROM hearing h JOIN meeting m ON m.id = h.meeting_id
             WHERE m.panel_id = ?1 AND h.heard_on BETWEEN ?2 AND ?3",
        )?
        .query_map(params![panel, f, t], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let outcome_order: Vec<&str> = HearingOutcome::ALL
        .iter()
        .map(|o| outcome_label(*o))
        .collect();

    let breakdowns = vec![
        Breakdown {
            key: "referring_agency".into(),
            title: "Referring agency".into(),
            of: "cases".into(),
            rows: tally(
                cases
                    .iter()
                    .map(|c| c.referrer.as_deref().unwrap_or(NOT_RECORDED)),
                &[],
            ),
        },
        Breakdown {
            key: "gender".into(),
            title: "Gender".into(),
            of: "cases".into(),
            rows: tally(
                cases
                    .iter()
                    .map(|c| coded(c.gender.as_deref(), Gender::parse, gender_label)),
                &with_not_recorded(genders),
            ),
        },
        Breakdown {
            key: "ethnicity".into(),
            title: "Ethnicity".into(),
            of: "cases".into(),
            rows: tally(
                cases
                    .iter()
                    .map(|c| coded(c.ethnicity.as_deref(), Ethnicity::parse, ethnicity_label)),
                &with_not_recorded(ethnicities),
            ),
        },
        Breakdown {
            key: "disability".into(),
            title: "Disability".into(),
            of: "cases".into(),
            rows: tally(
                cases
                    .iter()
                    .map(|c| coded(c.disability.as_deref(), YesNoUnknown::parse, yes_no_label)),
                &with_not_recorded(yes_no.clone()),
            ),
        },
        Breakdown {
            key: "lgbt".into(),
            title: "LGBT+".into(),
            of: "cases".into(),
            rows: tally(
                cases
                    .iter()
                    .map(|c| coded(c.lgbt.as_deref(), YesNoUnknown::parse, yes_no_label)),
                &with_not_recorded(yes_no),
            ),
        },
        Breakdown {
            key: "age_band".into(),
            title: "Age at referral".into(),
            of: "cases".into(),
            rows: tally(ages, &with_not_recorded(bands)),
        },
        Breakdown {
            key: "outcome".into(),
            title: "Outcome of each hearing".into(),
            of: "hearings".into(),
            rows: tally(
                outcomes_raw
                    .iter()
                    .map(|o| coded(o.as_deref(), HearingOutcome::parse, outcome_label)),
                &with_not_recorded(outcome_order),
            ),
        },
    ];

    // Time per case, from the cockpit's timers.
    let timings: Vec<(String, u32)> = conn
        .prepare_cached(
            "SELECT m.date, i.actual_seconds FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
             WHERE m.panel_id = ?1 AND m.date BETWEEN ?2 AND ?3
               AND i.kind IN ('new_case', 'review_case') AND i.actual_seconds > 0
             ORDER BY m.date",
        )?
        .query_map(params![panel, f, t], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut seconds: Vec<u32> = timings.iter().map(|(_, s)| *s).collect();
    seconds.sort_unstable();
    let timed = u32::try_from(seconds.len()).unwrap_or(u32::MAX);
    let mean_seconds = (timed > 0).then(|| {
        let total: u64 = seconds.iter().map(|s| u64::from(*s)).sum();
        u32::try_from((total + u64::from(timed) / 2) / u64::from(timed)).unwrap_or(u32::MAX)
    });
    let median_seconds = (timed > 0).then(|| {
        let n = seconds.len();
        if n % 2 == 1 {
            seconds[n / 2]
        } else {
            (seconds[n / 2 - 1] + seconds[n / 2]).div_ceil(2)
        }
    });
    let mut by_meeting: BTreeMap<String, (u32, u64)> = BTreeMap::new();
    for (date, s) in &timings {
        let e = by_meeting.entry(date.clone()).or_default();
        e.0 += 1;
        e.1 += u64::from(*s);
    }
    let timing_by_meeting = by_meeting
        .into_iter()
        .map(|(date, (n, total))| MeetingTiming {
            date,
            cases_timed: n,
            mean_seconds: u32::try_from((total + u64::from(n) / 2) / u64::from(n.max(1)))
                .unwrap_or(u32::MAX),
        })
        .collect();

    let (meetings, hearings): (u32, u32) = conn.query_row(
        "SELECT count(DISTINCT h.meeting_id), count(*) FROM hearing h JOIN meeting m ON m.id = h.meeting_id
         WHERE m.panel_id = ?1 AND h.heard_on BETWEEN ?2 AND ?3",
        params![panel, f, t],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;

    let actions = conn
        .prepare_cached(
            "SELECT g.name, g.short_code, count(*),
                sum(a.status = 'done' AND a.completed_on <= a.due_date),
                sum(a.status = 'done' AND (a.completed_on IS NULL OR a.completed_on > a.due_date)),
                sum(a.status IN ('not_done_circumstances', 'not_done_agency')),
                sum(a.status IN ('open', 'in_progress'))
             FROM action a JOIN meeting m ON m.id = a.meeting_id JOIN agency g ON g.id = a.agency_id
             WHERE m.panel_id = ?1 AND a.due_date BETWEEN ?2 AND ?3
             GROUP BY g.id ORDER BY g.name COLLATE NOCASE",
        )?
        .query_map(params![panel, f, t], |r| {
            Ok(AgencyActions {
                agency_name: r.get(0)?,
                agency_code: r.get(1)?,
                due: r.get(2)?,
                on_time: r.get(3)?,
                late: r.get(4)?,
                not_done: r.get(5)?,
                open: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;

    Ok(Statistics {
        panel_id: request.panel_id,
        panel_name,
        from: f,
        to: t,
        meetings,
        cases_heard,
        repeat_cases,
        new_cases: cases_heard - repeat_cases,
        first_heard,
        reviewed: cases_heard - first_heard,
        not_from_police,
        cases_with_children,
        children,
        hearings,
        timed_hearings: timed,
        mean_seconds,
        median_seconds,
        timing_by_meeting,
        breakdowns,
        actions,
    })
}

/// A count as it may leave the machine: 1 to 4 become "<5".
pub fn suppressed(n: u32) -> String {
    if (1..=4).contains(&n) {
        "<5".into()
    } else {
        n.to_string()
    }
}

/// A percentage as it may leave the machine: not shown when either count is
/// 1 to 4 (it would give the small count away).
pub fn suppressed_share(part: u32, whole: u32) -> String {
    if whole == 0 {
        "-".into()
    } else if (1..=4).contains(&part) || (1..=4).contains(&whole) {
        "suppressed".into()
    } else {
        format!("{:.0}%", f64::from(part) * 100.0 / f64::from(whole))
    }
}

/// The cells of a group whose total is published (the cases heard split by
/// gender, an agency's due actions split by what became of them), as they
/// may leave the machine, each with its share of `whole`. Counts of 1 to 4
/// show as "<5". When that hides only one cell, it could be worked out by
/// subtraction from the total, so the smallest other cell is hidden too
/// ("suppressed"). A hidden cell's share is never shown.
pub fn suppressed_group(counts: &[u32], whole: u32) -> Vec<(String, String)> {
    let mut hidden: Vec<u8> = counts
        .iter()
        .map(|n| u8::from((1..=4).contains(n)))
        .collect();
    if hidden.iter().filter(|h| **h == 1).count() == 1
        && let Some((i, _)) = counts
            .iter()
            .enumerate()
            .filter(|(i, n)| hidden[*i] == 0 && **n > 0)
            .min_by_key(|(_, n)| **n)
    {
        hidden[i] = 2;
    }
    counts
        .iter()
        .zip(hidden)
        .map(|(n, h)| match h {
            1 => ("<5".to_string(), "suppressed".to_string()),
            2 => ("suppressed".to_string(), "suppressed".to_string()),
            _ => (n.to_string(), suppressed_share(*n, whole)),
        })
        .collect()
}

/// Minutes and seconds, "12:05".
pub fn minutes(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The headline figures as (label, exported value) pairs.
fn headline(s: &Statistics) -> Vec<(String, String)> {
    let heard = s.cases_heard;
    let new_repeat = suppressed_group(&[s.new_cases, s.repeat_cases], heard);
    let first_reviewed = suppressed_group(&[s.first_heard, s.reviewed], heard);
    let police = suppressed_group(&[s.not_from_police, heard - s.not_from_police], heard);
    let children = suppressed_group(
        &[s.cases_with_children, heard - s.cases_with_children],
        heard,
    );
    let mut rows = vec![
        ("Meetings held".to_string(), s.meetings.to_string()),
        ("Cases heard".into(), suppressed(heard)),
        ("New cases".into(), new_repeat[0].0.clone()),
        ("Repeat cases".into(), new_repeat[1].0.clone()),
        ("Repeat rate".into(), new_repeat[1].1.clone()),
        (
            "Heard for the first time".into(),
            first_reviewed[0].0.clone(),
        ),
        (
            "Reviewed (heard before)".into(),
            first_reviewed[1].0.clone(),
        ),
        (
            "Referred by agencies other than the police".into(),
            police[0].0.clone(),
        ),
        ("Share not from the police".into(), police[0].1.clone()),
        (
            "Cases with children in the household".into(),
            children[0].0.clone(),
        ),
        (
            "Children in those households".into(),
            suppressed(s.children),
        ),
        ("Hearings".into(), suppressed(s.hearings)),
        ("Hearings timed".into(), suppressed(s.timed_hearings)),
    ];
    rows.push((
        "Minutes per case (mean)".into(),
        s.mean_seconds.map_or_else(|| "-".into(), minutes),
    ));
    rows.push((
        "Minutes per case (median)".into(),
        s.median_seconds.map_or_else(|| "-".into(), minutes),
    ));
    rows
}

fn period_words(s: &Statistics) -> String {
    let uk =
        |d: &str| parse(d).map_or_else(|| d.to_string(), |d| d.format("%-d %B %Y").to_string());
    format!("{} to {}", uk(&s.from), uk(&s.to))
}

/// The figures as CSV, small counts suppressed: section, item, count, share.
pub fn csv(s: &Statistics) -> CoreResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| CoreError::Io(format!("writing the CSV: {e}"));
    w.write_record(["section", "item", "value", "share"])
        .map_err(fail)?;
    w.write_record(["period", "from", &s.from, ""])
        .map_err(fail)?;
    w.write_record(["period", "to", &s.to, ""]).map_err(fail)?;
    w.write_record(["panel", "name", &s.panel_name, ""])
        .map_err(fail)?;
    for (label, value) in headline(s) {
        w.write_record(["summary", &label, &value, ""])
            .map_err(fail)?;
    }
    for b in &s.breakdowns {
        let counts: Vec<u32> = b.rows.iter().map(|r| r.count).collect();
        let cells = suppressed_group(&counts, counts.iter().sum());
        for (r, (value, share)) in b.rows.iter().zip(cells) {
            w.write_record([b.title.as_str(), &r.label, &value, &share])
                .map_err(fail)?;
        }
    }
    for a in &s.actions {
        let label = format!("{} ({})", a.agency_name, a.agency_code);
        w.write_record([
            "Actions due in the period: due",
            &label,
            &suppressed(a.due),
            "",
        ])
        .map_err(fail)?;
        let cells = suppressed_group(&[a.on_time, a.late, a.not_done, a.open], a.due);
        for (what, (value, share)) in ["done on time", "done late", "not done", "still open"]
            .iter()
            .zip(cells)
        {
            w.write_record([
                format!("Actions due in the period: {what}").as_str(),
                &label,
                &value,
                &share,
            ])
            .map_err(fail)?;
        }
    }
    w.into_inner()
        .map_err(|e| CoreError::Io(format!("writing the CSV: {e}")))
}

/// The figures as a document for the partnership, small counts suppressed:
/// aggregate figures, so marked OFFICIAL.
pub fn document(s: &Statistics) -> Document {
    let mut blocks = vec![
        Block::text(format!(
            "Figures for {} from {}. Counts from 1 to 4 are shown as \"<5\", and percentages built on them are \
             suppressed, so that no one can be identified.",
            s.panel_name,
            period_words(s)
        )),
        Block::heading(1, "Summary"),
        Block::key_values(headline(s)),
    ];
    for b in &s.breakdowns {
        let counts: Vec<u32> = b.rows.iter().map(|r| r.count).collect();
        let cells = suppressed_group(&counts, counts.iter().sum());
        blocks.push(Block::heading(1, b.title.clone()));
        blocks.push(Block::Table {
            columns: vec![
                Column::new(&b.title, 4.0),
                Column::new(
                    if b.of == "hearings" {
                        "Hearings"
                    } else {
                        "Cases"
                    },
                    1.0,
                ),
                Column::new("Share", 1.0),
            ],
            rows: b
                .rows
                .iter()
                .zip(cells)
                .map(|(r, (value, share))| vec![r.label.clone(), value, share])
                .collect(),
        });
    }
    blocks.push(Block::heading(1, "Actions due in the period, by agency"));
    if s.actions.is_empty() {
        blocks.push(Block::text("No actions fell due in the period."));
    } else {
        blocks.push(Block::Table {
            columns: vec![
                Column::new("Agency", 3.0),
                Column::new("Due", 1.0),
                Column::new("On time", 1.0),
                Column::new("Late", 1.0),
                Column::new("Not done", 1.0),
                Column::new("Open", 1.0),
                Column::new("On time share", 1.2),
            ],
            rows: s
                .actions
                .iter()
                .map(|a| {
                    let c = suppressed_group(&[a.on_time, a.late, a.not_done, a.open], a.due);
                    vec![
                        format!("{} ({})", a.agency_name, a.agency_code),
                        suppressed(a.due),
                        c[0].0.clone(),
                        c[1].0.clone(),
                        c[2].0.clone(),
                        c[3].0.clone(),
                        c[0].1.clone(),
                    ]
                })
                .collect(),
        });
    }
    Document {
        title: format!("{}: panel statistics", s.panel_name),
        subtitle: period_words(s),
        marking: "OFFICIAL".into(),
        author: "Roundtable".into(),
        draft: false,
        created_unix: Utc::now().timestamp(),
        footer: String::new(),
        keywords: Vec::new(),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed_at_one_to_four_only() {
        assert_eq!(suppressed(0), "0");
        assert_eq!(suppressed(1), "<5");
        assert_eq!(suppressed(4), "<5");
        assert_eq!(suppressed(5), "5");
        assert_eq!(suppressed_share(0, 10), "0%");
        assert_eq!(suppressed_share(1, 10), "suppressed");
        assert_eq!(suppressed_share(4, 10), "suppressed");
        assert_eq!(suppressed_share(5, 10), "50%");
        assert_eq!(suppressed_share(0, 4), "suppressed");
        assert_eq!(suppressed_share(0, 0), "-");
    }

    #[test]
    fn a_lone_hidden_cell_takes_the_next_smallest_with_it() {
        let cells = |counts: &[u32], whole| -> Vec<String> {
            suppressed_group(counts, whole)
                .into_iter()
                .map(|(v, _)| v)
                .collect()
        };
        // 19 and "<5" of 20 would give the 1 away.
        assert_eq!(cells(&[19, 1], 20), ["suppressed", "<5"]);
        assert_eq!(cells(&[7, 13], 20), ["7", "13"]);
        // Two hidden cells already hide each other.
        assert_eq!(cells(&[5, 4, 1, 0], 10), ["5", "<5", "<5", "0"]);
        assert_eq!(cells(&[10, 6, 2, 0], 18), ["10", "suppressed", "<5", "0"]);
        assert_eq!(suppressed_group(&[10, 6, 2], 18)[0].1, "56%");
        assert_eq!(suppressed_group(&[10, 6, 2], 18)[1].1, "suppressed");
    }

    #[test]
    fn the_default_period_is_the_last_complete_quarter() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(
            default_period(d(2026, 11, 23)),
            (d(2026, 7, 1), d(2026, 9, 30))
        );
        assert_eq!(
            default_period(d(2026, 1, 1)),
            (d(2025, 10, 1), d(2025, 12, 31))
        );
        let choices = period_choices(d(2026, 11, 23));
        assert_eq!(choices[1].from, "2026-07-01");
        assert_eq!(choices[1].label, "July to September 2026 (Q3)");
    }

    #[test]
    fn sixteen_and_seventeen_year_olds_have_their_own_band() {
        assert_eq!(age_band(Some(15)), "13 to 15");
        assert_eq!(age_band(Some(16)), "16 to 17");
        assert_eq!(age_band(Some(17)), "16 to 17");
        assert_eq!(age_band(Some(18)), "18 to 20");
        assert_eq!(age_band(None), NOT_RECORDED);
    }
}
