//! Actions agreed at a meeting: owned by an agency, with a due date, and
//! their reported status.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::code_enum;
use crate::dates::parse_date;

code_enum!(
    ActionStatus {
        Open = "open",
        InProgress = "in_progress",
        Done = "done",
        /// Not done: circumstances changed and it could not be done.
        NotDoneCircumstances = "not_done_circumstances",
        /// Not done: the agency has not acted.
        NotDoneAgency = "not_done_agency",
    }
);

impl ActionStatus {
    /// Still to be done (and so can be overdue).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionInput {
    pub meeting_id: Uuid,
    /// The case it belongs to; none for any other business.
    pub case_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub text: String,
    /// As typed: a date ("04/12/2026"), "+2w", "+10d", "+1m", "next meeting",
    /// "today", "tomorrow", or empty.
    pub due: String,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActionUpdate {
    pub at: String,
    /// The day the agency reported it (YYYY-MM-DD).
    pub reported_on: String,
    /// The meeting it was reported at; none when reported between meetings.
    pub meeting_id: Option<Uuid>,
    pub status: ActionStatus,
    pub note: Option<String>,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Action {
    pub id: Uuid,
    pub meeting_id: Uuid,
    /// The date of the meeting that agreed it.
    pub meeting_date: String,
    pub panel_id: Uuid,
    pub panel_name: String,
    pub case_id: Option<Uuid>,
    pub case_reference: Option<String>,
    pub agency_id: Uuid,
    pub agency_name: String,
    pub agency_code: String,
    pub officer: Option<String>,
    pub text: String,
    pub due_date: Option<String>,
    pub status: ActionStatus,
    /// The day it was reported done (YYYY-MM-DD), while it is done.
    pub completed_on: Option<String>,
    /// Open or in progress and past its due date.
    pub overdue: bool,
    pub updates: Vec<ActionUpdate>,
}

/// An agency's report on an action, made between meetings from the tracker
/// or by the agency itself on the server (a field it does not know is
/// refused, never ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    pub status: ActionStatus,
    /// The update in words; required when the action was not done.
    pub note: String,
    /// The day it was reported, as typed; empty means today.
    pub reported_on: String,
}

/// An action as saved, with gentle hints (never errors) about how it reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActionSaved {
    pub action: Action,
    pub hints: Vec<String>,
}

/// A due date as typed, relative to the meeting that agrees the action.
/// `next_meeting` is the panel's next meeting after this one, if set up.
pub fn parse_due(
    typed: &str,
    meeting_date: NaiveDate,
    next_meeting: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, String> {
    let text = typed.trim().to_lowercase();
    if text.is_empty() {
        return Ok(None);
    }
    let date = match text.as_str() {
        "today" => Some(today),
        "tomorrow" => today.checked_add_days(Days::new(1)),
        "next meeting" | "next" | "nm" => match next_meeting {
            Some(d) => Some(d),
            None => {
                return Err(
                    "There is no next meeting set up for this panel yet. Enter a date instead."
                        .into(),
                );
            }
        },
        _ => match relative(&text, meeting_date) {
            Some(result) => Some(result?),
            None => parse_date(&text, today),
        },
    };
    match date {
        None => Err("Enter the due date as a date (04/12/2026), a period (+2w, +10d, +1m) or “next meeting”.".into()),
        Some(d) if d < meeting_date => Err("The due date is before the meeting that agreed the action.".into()),
        Some(d) => Ok(Some(d)),
    }
}

/// "+2w", "+10d", "+1m", "2 weeks": `None` if it is not that shape.
fn relative(text: &str, from: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let t = text.trim_start_matches('+').trim();
    let split = t.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = t.split_at(split);
    let n: u32 = number.parse().ok()?;
    let unit = unit.trim();
    let date = match unit {
        "d" | "day" | "days" => from.checked_add_days(Days::new(u64::from(n))),
        "w" | "wk" | "week" | "weeks" => from.checked_add_days(Days::new(u64::from(n) * 7)),
        "m" | "month" | "months" => from.checked_add_months(Months::new(n)),
        _ => return None,
    };
    Some(match date {
        Some(d) if n <= 520 => Ok(d),
        _ => Err("That due date is too far ahead.".into()),
    })
}

/// Gentle hints for an action that will be hard to check later.
pub fn hints(text: &str, due: Option<NaiveDate>) -> Vec<String> {
    let mut hints = Vec::new();
    if due.is_none() {
        hints.push("No due date: agencies report on actions by their due dates.".into());
    }
    let lower = text.trim().to_lowercase();
    let words = lower.split_whitespace().count();
    const VAGUE: &[&str] = &[
        "monitor",
        "consider",
        "be aware",
        "note ",
        "look into",
        "liaise",
        "keep in mind",
        "keep an eye",
        "continue to",
    ];
    if words < 4 || VAGUE.iter().any(|v| lower.starts_with(v)) {
        hints.push("This may be hard to check later: say who does what, by when.".into());
    }
    hints
}

/// Which actions by what has become of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    /// Open or in progress.
    Open,
    Done,
    /// Not done, for either reason.
    NotDone,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActionFilter {
    pub panel_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub status: StatusFilter,
    /// Only those open past their due date.
    pub overdue: bool,
    /// Only those due within this many days from today (overdue ones included).
    pub due_within_days: Option<u32>,
    /// A case's reference, or its start.
    pub case_reference: String,
}

impl ActionFilter {
    pub fn open() -> Self {
        Self {
            panel_id: None,
            agency_id: None,
            status: StatusFilter::Open,
            overdue: false,
            due_within_days: None,
            case_reference: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_date_shortcuts() {
        let meeting = d(2026, 12, 4);
        let next = Some(d(2027, 1, 15));
        let today = d(2026, 12, 4);
        assert_eq!(
            parse_due("+2w", meeting, next, today),
            Ok(Some(d(2026, 12, 18)))
        );
        assert_eq!(
            parse_due("+10d", meeting, next, today),
            Ok(Some(d(2026, 12, 14)))
        );
        assert_eq!(
            parse_due("+1m", meeting, next, today),
            Ok(Some(d(2027, 1, 4)))
        );
        assert_eq!(
            parse_due("3 weeks", meeting, next, today),
            Ok(Some(d(2026, 12, 25)))
        );
        assert_eq!(parse_due("Next meeting", meeting, next, today), Ok(next));
        assert_eq!(
            parse_due("11/12/2026", meeting, next, today),
            Ok(Some(d(2026, 12, 11)))
        );
        assert_eq!(parse_due("", meeting, next, today), Ok(None));
        assert!(
            parse_due("next meeting", meeting, None, today)
                .unwrap_err()
                .contains("no next meeting")
        );
        assert!(
            parse_due("01/12/2026", meeting, next, today)
                .unwrap_err()
                .contains("before the meeting")
        );
        assert!(parse_due("soon", meeting, next, today).is_err());
        assert!(parse_due("+9999w", meeting, next, today).is_err());
    }

    #[test]
    fn hints_are_gentle() {
        assert!(
            hints(
                "Housing to complete a safety assessment of the flat",
                Some(d(2026, 12, 18))
            )
            .is_empty()
        );
        assert_eq!(hints("Monitor", None).len(), 2);
        assert_eq!(
            hints("Liaise with school about attendance", Some(d(2026, 12, 18))).len(),
            1
        );
    }
}
