//! The demo's actions and how they were reported on between meetings, so
//! its older meetings' reviews and the tracker show every kind of report.

use chrono::NaiveDate;

use crate::domain::action::ActionStatus;
use crate::store::codec::ymd;

/// How a demo action was reported on between meetings: most done by their
/// due date, some late, one in five not done; the last meeting's are under
/// way. `agreed` and `due` are stored dates; the report's date is one.
pub(super) fn demo_report(
    meetings_ago: u64,
    n: usize,
    agreed: &str,
    due: Option<&str>,
) -> Option<(ActionStatus, &'static str, String)> {
    let due = due.unwrap_or(agreed);
    let shift = |date: &str, days: i64| -> String {
        NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
            .map_or_else(|| date.to_string(), ymd)
    };
    match (meetings_ago, n % 5) {
        (0, _) => None,
        (1, r) if r % 2 == 0 => Some((
            ActionStatus::InProgress,
            "Started: first home visit done.",
            shift(agreed, 10),
        )),
        (1, _) => None,
        (_, 0) => Some((
            ActionStatus::Done,
            "Completed late: the worker was off sick.",
            shift(due, 9),
        )),
        (_, 1) => Some((
            ActionStatus::NotDoneCircumstances,
            "The family moved out of the borough before it could be done.",
            shift(due, -1),
        )),
        _ => Some((
            ActionStatus::Done,
            "Completed and reported to the coordinator.",
            shift(due, -2),
        )),
    }
}

pub(super) const DEMO_ACTIONS: &[(&str, &str, &str)] = &[
    (
        "CSC",
        "Complete a child and family assessment and share the outcome with the panel",
        "+4w",
    ),
    (
        "POL",
        "Flag the home address for an urgent response and share intelligence on associates",
        "+2w",
    ),
    (
        "TYS",
        "Offer weekly one-to-one sessions with a youth worker and report engagement",
        "+6w",
    ),
    (
        "EH",
        "Arrange a family support meeting with the parent",
        "+3w",
    ),
];
