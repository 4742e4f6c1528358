//! The figures a partnership reports for a panel over a period (a quarter by
//! default): cases heard, new and repeat, who referred them, children in the
//! households, demographics for disproportionality monitoring, outcomes,
//! time per case, and actions done on time by agency.
//!
//! Exact counts are for the screen. Everything exported (CSV and PDF) shows
//! a count of 1 to 4 as "<5", and a percentage built on such a count as
//! "suppressed", so no small group can be picked out.

mod compute;
mod export;
mod labels;

pub use crate::domain::statistics::*;
pub use compute::compute;
pub use export::{csv, document, minutes, suppressed, suppressed_group, suppressed_share};
pub use labels::*;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::dates::parse_date;
use crate::error::{CoreError, CoreResult};
use crate::store::codec::ymd;
use crate::validate::Validator;

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

#[cfg(test)]
mod tests {
    use super::*;

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
