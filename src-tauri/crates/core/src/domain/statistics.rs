//! The statistics a partnership reports for a panel over a period: what is
//! asked for and what comes back. Computed in `features::statistics`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

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

/// `part` as a whole percentage of `whole`, halves rounded up (12.5 is 13);
/// none of nothing. The one rule for every percentage the statistics show,
/// on the screen and in what is exported.
pub fn share(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| {
        let (part, whole) = (u64::from(part), u64::from(whole));
        u32::try_from((part * 200 + whole) / (2 * whole)).unwrap_or(u32::MAX)
    })
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
    /// `on_time` as a percentage of `due` ([`share`]).
    pub on_time_share: Option<u32>,
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
    /// `repeat_cases` as a percentage of `cases_heard` ([`share`]).
    pub repeat_rate: Option<u32>,
    /// Of the cases heard, referred by an agency that is not the police.
    pub not_from_police: u32,
    /// `not_from_police` as a percentage of `cases_heard`.
    pub not_from_police_share: Option<u32>,
    /// Cases heard with children in the household, and how many children.
    /// Children are counted from each case's children records (born
    /// children; the number typed for a case recorded before those).
    pub cases_with_children: u32,
    pub children: u32,
    /// Unborn children on the records, counted apart.
    pub unborn_children: u32,
    /// Perpetrators aged 17 or under at the referral.
    pub young_perpetrators: u32,
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

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn a_share_rounds_halves_up_and_is_none_of_nothing() {
        assert_eq!(share(1, 8), Some(13));
        assert_eq!(share(3, 8), Some(38));
        assert_eq!(share(2, 3), Some(67));
        assert_eq!(share(1, 3), Some(33));
        assert_eq!(share(0, 5), Some(0));
        assert_eq!(share(5, 5), Some(100));
        assert_eq!(share(0, 0), None);
        assert_eq!(share(u32::MAX, u32::MAX), Some(100));
    }
}
