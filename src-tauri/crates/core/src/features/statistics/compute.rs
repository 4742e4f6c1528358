//! Counting: the cases heard in the period, their breakdowns, the time
//! per case and the actions by agency, from what `tables::statistics`
//! selects. Exact counts; suppression is for export.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::labels::*;
use super::{checked_period, parse};
use crate::domain::case::{Ethnicity, Gender, YesNoUnknown};
use crate::domain::meeting::HearingOutcome;
use crate::domain::statistics::*;
use crate::error::{CoreError, CoreResult};
use crate::store::codec::ymd;
use crate::store::sql::Db;
use crate::tables::statistics::{self as table, HeardCase};

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
    db: &dyn Db,
    request: &StatisticsRequest,
    today: NaiveDate,
) -> CoreResult<Statistics> {
    let (from, to) = checked_period(request, today)?;
    let panel_name =
        table::panel_name(db, request.panel_id)?.ok_or(CoreError::NotFound("That panel"))?;
    let (f, t) = (ymd(from), ymd(to));
    let period = table::Period {
        panel: request.panel_id,
        from: &f,
        to: &t,
    };
    let cases = table::heard_cases(db, &period)?;
    let count = |pred: &dyn Fn(&HeardCase) -> bool| -> u32 {
        u32::try_from(cases.iter().filter(|c| pred(c)).count()).unwrap_or(u32::MAX)
    };
    let cases_heard = count(&|_| true);
    let repeat_cases = count(&|c| c.repeat);
    let first_heard = count(&|c| c.first_heard >= f);
    let not_from_police = count(&|c| c.referrer_sector.as_deref() != Some("police"));
    let timing = Timing::of(&table::case_timings(db, &period)?);
    let (meetings, hearings) = table::meetings_and_hearings(db, &period)?;
    Ok(Statistics {
        panel_id: request.panel_id,
        panel_name,
        meetings,
        cases_heard,
        repeat_cases,
        new_cases: cases_heard - repeat_cases,
        first_heard,
        reviewed: cases_heard - first_heard,
        repeat_rate: share(repeat_cases, cases_heard),
        not_from_police,
        not_from_police_share: share(not_from_police, cases_heard),
        cases_with_children: count(&|c| c.children > 0),
        children: cases.iter().map(|c| c.children).sum(),
        unborn_children: cases.iter().map(|c| c.unborn).sum(),
        young_perpetrators: cases.iter().map(|c| c.young_perpetrators).sum(),
        hearings,
        timed_hearings: timing.timed,
        mean_seconds: timing.mean,
        median_seconds: timing.median,
        timing_by_meeting: timing.by_meeting,
        breakdowns: breakdowns(&cases, &table::outcomes(db, &period)?),
        actions: table::actions_by_agency(db, &period)?,
        from: f,
        to: t,
    })
}

/// Each breakdown of the cases heard, and of the hearings' outcomes.
fn breakdown(key: &str, title: &str, of: &str, rows: Vec<Count>) -> Breakdown {
    Breakdown {
        key: key.into(),
        title: title.into(),
        of: of.into(),
        rows,
    }
}

fn breakdowns(cases: &[HeardCase], outcomes_raw: &[Option<String>]) -> Vec<Breakdown> {
    let ages = cases.iter().map(|c| {
        let at = parse(&c.referral_date);
        let age = match (c.date_of_birth.as_deref().and_then(parse), at) {
            (Some(born), Some(on)) => age_on(born, on),
            _ => c.approximate_age,
        };
        age_band(age)
    });
    let bands: Vec<&str> = AGE_BANDS.iter().map(|(_, _, l)| *l).collect();
    let outcome_order: Vec<&str> = HearingOutcome::ALL
        .iter()
        .map(|o| outcome_label(*o))
        .collect();
    let mut all = vec![breakdown(
        "referring_agency",
        "Referring agency",
        "cases",
        tally(
            cases
                .iter()
                .map(|c| c.referrer.as_deref().unwrap_or(NOT_RECORDED)),
            &[],
        ),
    )];
    all.extend(characteristics(cases));
    all.push(breakdown(
        "age_band",
        "Age at referral",
        "cases",
        tally(ages, &with_not_recorded(bands)),
    ));
    all.push(breakdown(
        "outcome",
        "Outcome of each hearing",
        "hearings",
        tally(
            outcomes_raw
                .iter()
                .map(|o| coded(o.as_deref(), HearingOutcome::parse, outcome_label)),
            &with_not_recorded(outcome_order),
        ),
    ));
    all
}

/// Every choice of a list in its order, then "not recorded".
fn with_not_recorded(mut choices: Vec<&'static str>) -> Vec<&'static str> {
    choices.push(NOT_RECORDED);
    choices
}

/// Gender, ethnicity, disability and LGBT+, each with every choice shown
/// (a count of 0 included) so the panel sees who is not being referred.
fn characteristics(cases: &[HeardCase]) -> Vec<Breakdown> {
    let genders: Vec<&str> = Gender::ALL.iter().map(|g| gender_label(*g)).collect();
    let ethnicities: Vec<&str> = Ethnicity::ALL.iter().map(|e| ethnicity_label(*e)).collect();
    let yes_no: Vec<&str> = YesNoUnknown::ALL.iter().map(|y| yes_no_label(*y)).collect();
    vec![
        breakdown(
            "gender",
            "Gender",
            "cases",
            tally(
                cases
                    .iter()
                    .map(|c| coded(c.gender.as_deref(), Gender::parse, gender_label)),
                &with_not_recorded(genders),
            ),
        ),
        breakdown(
            "ethnicity",
            "Ethnicity",
            "cases",
            tally(
                cases
                    .iter()
                    .map(|c| coded(c.ethnicity.as_deref(), Ethnicity::parse, ethnicity_label)),
                &with_not_recorded(ethnicities),
            ),
        ),
        breakdown(
            "disability",
            "Disability",
            "cases",
            tally(
                cases
                    .iter()
                    .map(|c| coded(c.disability.as_deref(), YesNoUnknown::parse, yes_no_label)),
                &with_not_recorded(yes_no.clone()),
            ),
        ),
        breakdown(
            "lgbt",
            "LGBT+",
            "cases",
            tally(
                cases
                    .iter()
                    .map(|c| coded(c.lgbt.as_deref(), YesNoUnknown::parse, yes_no_label)),
                &with_not_recorded(yes_no),
            ),
        ),
    ]
}

/// The time the panel spent per case, from the cockpit's timers.
struct Timing {
    timed: u32,
    mean: Option<u32>,
    median: Option<u32>,
    by_meeting: Vec<MeetingTiming>,
}

impl Timing {
    fn of(timings: &[(String, u32)]) -> Self {
        let mut seconds: Vec<u32> = timings.iter().map(|(_, s)| *s).collect();
        seconds.sort_unstable();
        let timed = u32::try_from(seconds.len()).unwrap_or(u32::MAX);
        let mean = (timed > 0).then(|| {
            let total: u64 = seconds.iter().map(|s| u64::from(*s)).sum();
            u32::try_from((total + u64::from(timed) / 2) / u64::from(timed)).unwrap_or(u32::MAX)
        });
        let median = (timed > 0).then(|| {
            let n = seconds.len();
            if n % 2 == 1 {
                seconds[n / 2]
            } else {
                (seconds[n / 2 - 1] + seconds[n / 2]).div_ceil(2)
            }
        });
        let mut per_meeting: BTreeMap<String, (u32, u64)> = BTreeMap::new();
        for (date, s) in timings {
            let e = per_meeting.entry(date.clone()).or_default();
            e.0 += 1;
            e.1 += u64::from(*s);
        }
        let by_meeting = per_meeting
            .into_iter()
            .map(|(date, (n, total))| MeetingTiming {
                date,
                cases_timed: n,
                mean_seconds: u32::try_from((total + u64::from(n) / 2) / u64::from(n.max(1)))
                    .unwrap_or(u32::MAX),
            })
            .collect();
        Timing {
            timed,
            mean,
            median,
            by_meeting,
        }
    }
}
