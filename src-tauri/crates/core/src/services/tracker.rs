//! Between meetings: every action across meetings, filtered the ways a
//! coordinator chases them, how late each agency is, and the "late actions by
//! agency" report for the panel's steering group.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::action::Action;
use crate::error::{CoreError, CoreResult};
use crate::services::actions::{self, SELECT};
use crate::services::cases::ymd;
use crate::store::sql::{Db, ToValue, Value};

pub use super::late_report::late_report_document;

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

/// One page of the tracker: the first `actions.len()` of `total` matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrackerPage {
    pub actions: Vec<Action>,
    pub total: u32,
}

/// The most the tracker lists at once; the filters narrow the rest.
pub const PAGE: u32 = 300;

/// A WHERE clause built up with numbered parameters.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    args: Vec<Value>,
}

impl Where {
    fn raw(&mut self, clause: &str) {
        self.clauses.push(clause.to_string());
    }

    fn bind(&mut self, clause: &str, value: Value) {
        self.args.push(value);
        self.clauses
            .push(clause.replace('?', &format!("?{}", self.args.len())));
    }
}

/// Actions matching `filter`, soonest due first (those with no date last).
pub fn list(conn: &dyn Db, filter: &ActionFilter, today: NaiveDate) -> CoreResult<TrackerPage> {
    let mut w = Where::default();
    if let Some(panel) = filter.panel_id {
        w.bind("m.panel_id = ?", Value::Id(panel));
    }
    if let Some(agency) = filter.agency_id {
        w.bind("a.agency_id = ?", Value::Id(agency));
    }
    let open = "a.status IN ('open', 'in_progress')";
    match filter.status {
        StatusFilter::Open => w.raw(open),
        StatusFilter::Done => w.raw("a.status = 'done'"),
        StatusFilter::NotDone => w.raw("a.status IN ('not_done_circumstances', 'not_done_agency')"),
        StatusFilter::All => {}
    }
    if filter.overdue {
        w.raw(open);
        w.bind("a.due_date < ?", Value::Date(today));
    }
    if let Some(days) = filter.due_within_days {
        let until = today
            .checked_add_days(Days::new(u64::from(days.min(3_650))))
            .unwrap_or(today);
        w.bind("a.due_date <= ?", Value::Date(until));
    }
    let reference = filter.case_reference.trim();
    if !reference.is_empty() {
        if reference.chars().count() > 40 {
            return Err(CoreError::field(
                "case_reference",
                "A case reference is shorter than that.",
            ));
        }
        let escaped = reference
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        // SQLite's LIKE ignores case (in ASCII); PostgreSQL's ILIKE does.
        let like = conn.pick(
            "c.reference LIKE ? ESCAPE '\\'",
            "c.reference ILIKE ? ESCAPE '\\'",
        );
        w.bind(like, Value::Text(format!("{escaped}%")));
    }
    let Where { clauses, args } = w;
    let filter_sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    let params: Vec<&dyn ToValue> = args.iter().map(|a| a as &dyn ToValue).collect();
    let total: u32 = conn
        .value(
            &format!(
                "SELECT count(*) FROM action a JOIN meeting m ON m.id = a.meeting_id
             LEFT JOIN person_case c ON c.id = a.case_id{filter_sql}"
            ),
            params.as_slice(),
        )?
        .unwrap_or(0);
    let order = conn.ignoring_case("g.name");
    let actions = actions::many(
        conn,
        &format!(
            "{SELECT}{filter_sql}
             ORDER BY a.due_date IS NULL, a.due_date, {order}, m.date, a.position
             LIMIT {PAGE}"
        ),
        params.as_slice(),
        today,
    )?;
    Ok(TrackerPage { actions, total })
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
    let open = "a.status IN ('open', 'in_progress')";
    let done = "a.status = 'done' AND a.due_date IS NOT NULL AND a.completed_on >= ?4";
    let rows = conn.rows(
        &format!(
            "SELECT g.id, g.name, g.short_code,
                sum(CASE WHEN {open} THEN 1 ELSE 0 END),
                sum(CASE WHEN {open} AND a.due_date < ?2 THEN 1 ELSE 0 END),
                sum(CASE WHEN {open} AND a.due_date < ?3 THEN 1 ELSE 0 END),
                min(CASE WHEN {open} AND a.due_date < ?2 THEN a.due_date END),
                sum(CASE WHEN {done} THEN 1 ELSE 0 END),
                sum(CASE WHEN {done} AND a.completed_on <= a.due_date THEN 1 ELSE 0 END)
             FROM action a JOIN agency g ON g.id = a.agency_id JOIN meeting m ON m.id = a.meeting_id
             WHERE (m.panel_id = ?1 OR ?1 IS NULL)
             GROUP BY g.id"
        ),
        &[&panel_id, &today, &four_weeks_ago, &year_ago],
        |r| {
            Ok((
                r.get::<Uuid>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                [
                    r.get::<u32>(3)?,
                    r.get::<u32>(4)?,
                    r.get::<u32>(5)?,
                    r.get::<u32>(7)?,
                    r.get::<u32>(8)?,
                ],
                r.get::<Option<String>>(6)?,
            ))
        },
    )?;
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
            conn.value::<String>("SELECT name FROM panel WHERE id = ?1", &[&p])?
                .ok_or(CoreError::NotFound("That panel"))?,
        ),
    };
    let order = conn.ignoring_case("g.short_code");
    let overdue = conn.rows(
        &format!(
            "SELECT g.short_code, p.name, c.reference, m.date, a.due_date
             FROM action a JOIN agency g ON g.id = a.agency_id JOIN meeting m ON m.id = a.meeting_id
             JOIN panel p ON p.id = m.panel_id LEFT JOIN person_case c ON c.id = a.case_id
             WHERE a.status IN ('open', 'in_progress') AND a.due_date < ?2
               AND (m.panel_id = ?1 OR ?1 IS NULL)
             ORDER BY {order}, a.due_date, c.reference"
        ),
        &[&panel_id, &today],
        |r| {
            let due: String = r.get(4)?;
            Ok(OverdueAction {
                agency_code: r.get(0)?,
                panel_name: r.get(1)?,
                case_reference: r.get(2)?,
                agreed_on: r.get(3)?,
                days_late: days_between(&due, today),
                due_date: due,
            })
        },
    )?;
    Ok(LateReport {
        panel_name,
        on: ymd(today),
        agencies: lateness(conn, panel_id, today)?,
        overdue,
    })
}
