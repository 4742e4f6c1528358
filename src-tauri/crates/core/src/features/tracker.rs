//! Between meetings: every action across meetings, filtered the ways a
//! coordinator chases them, how late each agency is, and the "late actions by
//! agency" report for the panel's steering group.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::action::Action;
use crate::error::{CoreError, CoreResult};
use crate::features::actions;
use crate::store::codec::ymd;
use crate::store::sql::Db;
use crate::tables::tracker as table;

pub use super::late_report::late_report_document;

pub use crate::domain::action::{ActionFilter, StatusFilter};

/// One page of the tracker: the first `actions.len()` of `total` matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrackerPage {
    pub actions: Vec<Action>,
    pub total: u32,
}

/// The most the tracker lists at once; the filters narrow the rest.
pub const PAGE: u32 = 300;

/// Actions matching `filter`, soonest due first (those with no date last).
pub fn list(conn: &dyn Db, filter: &ActionFilter, today: NaiveDate) -> CoreResult<TrackerPage> {
    if filter.case_reference.trim().chars().count() > 40 {
        return Err(CoreError::field(
            "case_reference",
            "A case reference is shorter than that.",
        ));
    }
    let (rows, total) = table::page(conn, filter, today, PAGE)?;
    Ok(TrackerPage {
        actions: actions::finish_all(conn, rows, today)?,
        total,
    })
}

/// How one agency stands on its actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyLateness {
    pub agency_id: Uuid,
    pub agency_name: String,
    pub agency_code: String,
    /// Open or in progress now.
    pub open: u32,
    /// Of those, past their due date.
    pub overdue: u32,
    /// Overdue by more than four weeks.
    pub overdue_over_four_weeks: u32,
    /// Days the most overdue one is late by.
    pub most_days_late: u32,
    /// Done in the last twelve months (with a due date), and of those, on time.
    pub done_last_year: u32,
    pub done_on_time_last_year: u32,
}

/// One overdue action as the steering group sees it: no names, no wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OverdueAction {
    pub agency_code: String,
    pub panel_name: String,
    pub case_reference: Option<String>,
    pub agreed_on: String,
    pub due_date: String,
    pub days_late: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LateReport {
    pub panel_name: Option<String>,
    pub on: String,
    /// Agencies with open actions or done ones in the last year, most overdue first.
    pub agencies: Vec<AgencyLateness>,
    pub overdue: Vec<OverdueAction>,
}

fn days_between(from: &str, to: NaiveDate) -> u32 {
    NaiveDate::parse_from_str(from, "%Y-%m-%d")
        .map(|d| u32::try_from((to - d).num_days().max(0)).unwrap_or(u32::MAX))
        .unwrap_or(0)
}

/// Overdue counts by agency, for one panel or all.
pub fn lateness(
    conn: &dyn Db,
    panel_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<Vec<AgencyLateness>> {
    let year_ago = today.checked_sub_days(Days::new(365)).unwrap_or(today);
    let four_weeks_ago = today.checked_sub_days(Days::new(28)).unwrap_or(today);
    let rows = table::lateness(conn, panel_id, today, four_weeks_ago, year_ago)?;
    let mut out = rows
        .into_iter()
        .filter(|(_, _, _, n, _)| n[0] > 0 || n[3] > 0)
        .map(|(id, name, code, n, oldest)| {
            Ok(AgencyLateness {
                agency_id: id,
                agency_name: name,
                agency_code: code,
                open: n[0],
                overdue: n[1],
                overdue_over_four_weeks: n[2],
                most_days_late: oldest.map_or(0, |d| days_between(&d, today)),
                done_last_year: n[3],
                done_on_time_last_year: n[4],
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    out.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.most_days_late.cmp(&a.most_days_late))
            .then_with(|| {
                a.agency_name
                    .to_lowercase()
                    .cmp(&b.agency_name.to_lowercase())
            })
    });
    Ok(out)
}

/// The steering group's report: lateness by agency and each overdue action
/// by case reference and dates only (no names, no wording of the action).
pub fn late_report(
    conn: &dyn Db,
    panel_id: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<LateReport> {
    let panel_name = match panel_id {
        None => None,
        Some(p) => Some(
            crate::tables::statistics::panel_name(conn, p)?
                .ok_or(CoreError::NotFound("That panel"))?,
        ),
    };
    let overdue = table::overdue(conn, panel_id, today)?
        .into_iter()
        .map(
            |(agency_code, panel_name, case_reference, agreed_on, due)| OverdueAction {
                agency_code,
                panel_name,
                case_reference,
                agreed_on,
                days_late: days_between(&due, today),
                due_date: due,
            },
        )
        .collect();
    Ok(LateReport {
        panel_name,
        on: ymd(today),
        agencies: lateness(conn, panel_id, today)?,
        overdue,
    })
}
