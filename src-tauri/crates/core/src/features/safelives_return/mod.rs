//! The SafeLives quarterly return (issue 20): the MARAC data form's counts
//! for a panel's quarter, meeting by meeting and for the quarter, exact.
//! Every figure is taken from `statistics::compute` (for the quarter, and
//! for each meeting's day), so the return equals the statistics' exact
//! figures by construction; the published statistics keep their
//! suppression, and the return says on every copy that it does not.

mod export;

pub use crate::domain::safelives_return::*;
pub use export::{csv, xlsx};

use chrono::NaiveDate;

use crate::domain::case::Ethnicity;
use crate::domain::statistics::{Statistics, StatisticsRequest};
use crate::error::CoreResult;
use crate::features::statistics::{self, NOT_RECORDED, checked_period, ethnicity_label};
use crate::store::Engine;
use crate::store::codec::{now, ymd};
use crate::store::sql::Db;
use crate::tables::population as table;

/// How many cases of a breakdown have one of `labels`.
fn counted(s: &Statistics, key: &str, labels: &[&str]) -> u32 {
    s.breakdowns
        .iter()
        .filter(|b| b.key == key)
        .flat_map(|b| b.rows.iter())
        .filter(|r| labels.contains(&r.label.as_str()))
        .map(|r| r.count)
        .sum()
}

/// Every recorded ethnicity but the White British, White Irish and other
/// White backgrounds: Black, Asian and racially minoritised, as the form
/// asks (Gypsy, Irish Traveller and Roma people are counted in it).
fn minoritised_labels() -> Vec<&'static str> {
    Ethnicity::ALL
        .iter()
        .filter(|e| {
            !matches!(
                e,
                Ethnicity::WhiteBritish
                    | Ethnicity::WhiteIrish
                    | Ethnicity::OtherWhite
                    | Ethnicity::NotStated
            )
        })
        .map(|e| ethnicity_label(*e))
        .collect()
}

fn row(label: String, meeting_date: Option<String>, s: &Statistics) -> ReturnRow {
    let minoritised = minoritised_labels();
    ReturnRow {
        label,
        meeting_date,
        cases: s.cases_heard,
        repeat_cases: s.repeat_cases,
        referred_by_police: s.cases_heard - s.not_from_police,
        referred_by_others: s.not_from_police,
        cases_with_children: s.cases_with_children,
        children: s.children,
        minoritised: counted(s, "ethnicity", &minoritised),
        lgbt: counted(s, "lgbt", &["Yes"]),
        disabled: counted(s, "disability", &["Yes"]),
        male: counted(s, "gender", &["Male"]),
        aged_16_to_17: counted(s, "age_band", &["16 to 17"]),
        young_perpetrators: s.young_perpetrators,
    }
}

/// The return for the request's panel and period.
pub fn compute(
    db: &dyn Db,
    request: &StatisticsRequest,
    today: NaiveDate,
) -> CoreResult<SafeLivesReturn> {
    let (from, to) = checked_period(request, today)?;
    let whole = statistics::compute(db, request, today)?;
    let mut meetings = Vec::new();
    for date in
        crate::tables::statistics::meeting_days(db, request.panel_id, (&ymd(from), &ymd(to)))?
    {
        let day = StatisticsRequest {
            panel_id: request.panel_id,
            from: date.clone(),
            to: date.clone(),
        };
        let s = statistics::compute(db, &day, today)?;
        let label = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_or_else(|_| date.clone(), |d| d.format("%-d %B %Y").to_string());
        meetings.push(row(label, Some(date), &s));
    }
    let population = table::get(db, request.panel_id)?;
    let women = population.as_ref().map(|(n, _)| *n);
    Ok(SafeLivesReturn {
        panel_id: request.panel_id,
        panel_name: whole.panel_name.clone(),
        from: whole.from.clone(),
        to: whole.to.clone(),
        meetings,
        quarter: row("Quarter".into(), None, &whole),
        referrals_by_agency: whole
            .breakdowns
            .iter()
            .filter(|b| b.key == "referring_agency")
            .flat_map(|b| b.rows.iter().cloned())
            .filter(|r| r.label != NOT_RECORDED || r.count > 0)
            .collect(),
        women_16_plus: women,
        population_source: population.map(|(_, s)| s).unwrap_or_default(),
        cases_per_10000_women: women.and_then(|w| per_10000(whole.cases_heard, w)),
    })
}

/// Records the panel's population (women aged 16 and over) and its source.
pub fn set_population(
    store: &mut impl Engine,
    input: &PopulationInput,
) -> CoreResult<(u32, String)> {
    let (women, source) = input.validate()?;
    let actor = store.actor().to_owned();
    store.write(|db| {
        crate::tables::panels::get(db, input.panel_id)?
            .ok_or(crate::error::CoreError::NotFound("That panel"))?;
        table::set(db, input.panel_id, (women, &source), (&actor, &now()))
    })?;
    Ok((women, source))
}
