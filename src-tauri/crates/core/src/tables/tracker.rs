//! The tracker's SQL: actions across meetings filtered the ways a
//! coordinator chases them, how late each agency is, and the overdue
//! actions the steering group sees. Runs on both engines.

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use super::actions::{COUNTED, Row, SELECT_COUNTED_FROM, read};
use crate::domain::action::{ActionFilter, StatusFilter};
use crate::error::CoreResult;
use crate::store::sql::{Db, ToValue, Value};

const OPEN: &str = "a.status IN ('open', 'in_progress')";

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

fn filtered(db: &dyn Db, filter: &ActionFilter, today: NaiveDate) -> Where {
    let mut w = Where::default();
    if let Some(panel) = filter.panel_id {
        w.bind("m.panel_id = ?", Value::Id(panel));
    }
    if let Some(agency) = filter.agency_id {
        w.bind("a.agency_id = ?", Value::Id(agency));
    }
    match filter.status {
        StatusFilter::Open => w.raw(OPEN),
        StatusFilter::Done => w.raw("a.status = 'done'"),
        StatusFilter::NotDone => w.raw("a.status IN ('not_done_circumstances', 'not_done_agency')"),
        StatusFilter::All => {}
    }
    if filter.overdue {
        w.raw(OPEN);
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
        let escaped = reference
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        // SQLite's LIKE ignores case (in ASCII); PostgreSQL's ILIKE does.
        let like = db.pick(
            "c.reference LIKE ? ESCAPE '\\'",
            "c.reference ILIKE ? ESCAPE '\\'",
        );
        w.bind(like, Value::Text(format!("{escaped}%")));
    }
    w
}

/// The first `limit` actions matching `filter`, soonest due first (no date
/// last), and how many match in all.
pub fn page(
    db: &dyn Db,
    filter: &ActionFilter,
    today: NaiveDate,
    limit: u32,
) -> CoreResult<(Vec<Row>, u32)> {
    let Where { clauses, args } = filtered(db, filter, today);
    let filter_sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    let params: Vec<&dyn ToValue> = args.iter().map(|a| a as &dyn ToValue).collect();
    let order = db.ignoring_case("g.name");
    let found = db.query(
        &format!(
            "{SELECT_COUNTED_FROM}{filter_sql}
             ORDER BY a.due_date IS NULL, a.due_date, {order}, m.date, a.position
             LIMIT {limit}"
        ),
        params.as_slice(),
    )?;
    let total = match found.first() {
        Some(row) => row.get(COUNTED)?,
        None => 0,
    };
    let rows = found.iter().map(read).collect::<CoreResult<_>>()?;
    Ok((rows, total))
}

/// Per agency with actions (of one panel, or all): id, name, code; counts
/// of open, overdue, overdue since `four_weeks_ago`, done since `year_ago`
/// and of those on time; and the oldest overdue due date.
pub type AgencyCounts = (Uuid, String, String, [u32; 5], Option<String>);

pub fn lateness(
    db: &dyn Db,
    panel: Option<Uuid>,
    today: NaiveDate,
    four_weeks_ago: NaiveDate,
    year_ago: NaiveDate,
) -> CoreResult<Vec<AgencyCounts>> {
    let done = "a.status = 'done' AND a.due_date IS NOT NULL AND a.completed_on >= ?3";
    let mut params: Vec<&dyn ToValue> = vec![&today, &four_weeks_ago, &year_ago];
    let by_panel = super::and_equal("m.panel_id", panel.as_ref(), &mut params);
    db.rows(
        &format!(
            "SELECT g.id, g.name, g.short_code,
                sum(CASE WHEN {OPEN} THEN 1 ELSE 0 END),
                sum(CASE WHEN {OPEN} AND a.due_date < ?1 THEN 1 ELSE 0 END),
                sum(CASE WHEN {OPEN} AND a.due_date < ?2 THEN 1 ELSE 0 END),
                min(CASE WHEN {OPEN} AND a.due_date < ?1 THEN a.due_date END),
                sum(CASE WHEN {done} THEN 1 ELSE 0 END),
                sum(CASE WHEN {done} AND a.completed_on <= a.due_date THEN 1 ELSE 0 END)
             FROM action a JOIN agency g ON g.id = a.agency_id JOIN meeting m ON m.id = a.meeting_id
             WHERE TRUE{by_panel}
             GROUP BY g.id"
        ),
        &params,
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                [r.get(3)?, r.get(4)?, r.get(5)?, r.get(7)?, r.get(8)?],
                r.get(6)?,
            ))
        },
    )
}

/// An overdue action with no names and no wording: agency code, panel,
/// case reference, agreed on, due on.
pub type Overdue = (String, String, Option<String>, String, String);

/// Each overdue action, of one panel or all.
pub fn overdue(db: &dyn Db, panel: Option<Uuid>, today: NaiveDate) -> CoreResult<Vec<Overdue>> {
    let order = db.ignoring_case("g.short_code");
    let mut params: Vec<&dyn ToValue> = vec![&today];
    let by_panel = super::and_equal("m.panel_id", panel.as_ref(), &mut params);
    db.rows(
        &format!(
            "SELECT g.short_code, p.name, c.reference, m.date, a.due_date
             FROM action a JOIN agency g ON g.id = a.agency_id JOIN meeting m ON m.id = a.meeting_id
             JOIN panel p ON p.id = m.panel_id LEFT JOIN person_case c ON c.id = a.case_id
             WHERE {OPEN} AND a.due_date < ?1{by_panel}
             ORDER BY {order}, a.due_date, c.reference"
        ),
        &params,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
}
