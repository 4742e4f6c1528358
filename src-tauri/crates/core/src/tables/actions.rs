//! The action aggregate's SQL: `action` and its reported progress
//! (`action_update`). Runs on both engines.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Batch, Db, Rows, ToValue, Values, alone};

macro_rules! action_columns {
    () => {
        "SELECT a.id, a.meeting_id, m.date, a.case_id, c.reference, a.agency_id, g.name, g.short_code,
        a.officer, a.text, a.due_date, a.status, m.panel_id, p.name, a.completed_on"
    };
}

macro_rules! action_joins {
    () => {
        " FROM action a JOIN meeting m ON m.id = a.meeting_id JOIN agency g ON g.id = a.agency_id
     JOIN panel p ON p.id = m.panel_id
     LEFT JOIN person_case c ON c.id = a.case_id"
    };
}

/// An action with its meeting, case, agency and panel, for every list.
pub(super) const SELECT_FROM: &str = concat!(action_columns!(), action_joins!());

/// [`SELECT_FROM`] with one more column: how many rows match in all
/// ([`COUNTED`] is its index), so that a page and its total are one
/// statement, not two.
pub(super) const SELECT_COUNTED_FROM: &str =
    concat!(action_columns!(), ", count(*) OVER ()", action_joins!());

/// The column of [`SELECT_COUNTED_FROM`] that holds the total.
pub(super) const COUNTED: usize = 15;

/// One action as [`SELECT_FROM`] reads it.
pub struct Row {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub meeting_date: String,
    pub case_id: Option<Uuid>,
    pub case_reference: Option<String>,
    pub agency_id: Uuid,
    pub agency_name: String,
    pub agency_code: String,
    pub officer: Option<String>,
    pub text: String,
    pub due_date: Option<String>,
    pub status: String,
    pub panel_id: Uuid,
    pub panel_name: String,
    pub completed_on: Option<String>,
}

pub fn read(r: &Values) -> CoreResult<Row> {
    Ok(Row {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        meeting_date: r.get(2)?,
        case_id: r.get(3)?,
        case_reference: r.get(4)?,
        agency_id: r.get(5)?,
        agency_name: r.get(6)?,
        agency_code: r.get(7)?,
        officer: r.get(8)?,
        text: r.get(9)?,
        due_date: r.get(10)?,
        status: r.get(11)?,
        panel_id: r.get(12)?,
        panel_name: r.get(13)?,
        completed_on: r.get(14)?,
    })
}

/// The meeting's panel and date.
pub fn meeting(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Option<(Uuid, String)>> {
    db.row(
        "SELECT panel_id, date FROM meeting WHERE id = ?1",
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The panel's first scheduled meeting after `date`.
pub fn next_scheduled(db: &dyn Db, panel_id: Uuid, date: &str) -> CoreResult<Option<String>> {
    Ok(db
        .value::<Option<String>>(
            "SELECT min(date) FROM meeting WHERE panel_id = ?1 AND date > ?2 AND kind = 'scheduled'",
            &[&panel_id, &date],
        )?
        .flatten())
}

/// The panel's last meeting before `date`.
pub fn previous_meeting(db: &dyn Db, panel_id: Uuid, date: &str) -> CoreResult<Option<String>> {
    Ok(db
        .value::<Option<String>>(
            "SELECT max(date) FROM meeting WHERE panel_id = ?1 AND date < ?2",
            &[&panel_id, &date],
        )?
        .flatten())
}

pub fn case_in_panel(db: &dyn Db, case_id: Uuid, panel_id: Uuid) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM person_case WHERE id = ?1 AND panel_id = ?2",
        &[&case_id, &panel_id],
    )
}

/// What an action says: case, agency, officer, wording, due date.
pub type Fields<'a> = (
    Option<Uuid>,
    Uuid,
    &'a Option<String>,
    &'a str,
    Option<NaiveDate>,
);

pub fn insert(
    db: &dyn Db,
    id: Uuid,
    meeting_id: Uuid,
    f: Fields<'_>,
    by: (&str, &str),
) -> CoreResult<()> {
    let position: i64 = db
        .value(
            "SELECT coalesce(max(position), -1) + 1 FROM action WHERE meeting_id = ?1",
            &[&meeting_id],
        )?
        .unwrap_or(0);
    let values: [&dyn ToValue; 10] = [
        &id,
        &meeting_id,
        &f.0,
        &f.1,
        f.2,
        &f.3,
        &f.4,
        &position,
        &by.1,
        &by.0,
    ];
    db.execute(
        "INSERT INTO action (id, meeting_id, case_id, agency_id, officer, text, due_date, status, position,
            created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9, ?10, ?9)",
        &values,
    )?;
    Ok(())
}

/// Rewrites what the action says; false if it is not the meeting's.
pub fn update(
    db: &dyn Db,
    id: Uuid,
    meeting_id: Uuid,
    f: Fields<'_>,
    at: &str,
) -> CoreResult<bool> {
    let values: [&dyn ToValue; 8] = [&id, &f.0, &f.1, f.2, &f.3, &f.4, &at, &meeting_id];
    Ok(db.execute(
        "UPDATE action SET case_id = ?2, agency_id = ?3, officer = ?4, text = ?5, due_date = ?6, updated_at = ?7
         WHERE id = ?1 AND meeting_id = ?8",
        &values,
    )? > 0)
}

pub fn meeting_of(db: &dyn Db, id: Uuid) -> CoreResult<Option<Uuid>> {
    db.value("SELECT meeting_id FROM action WHERE id = ?1", &[&id])
}

pub fn delete(db: &dyn Db, id: Uuid) -> CoreResult<bool> {
    Ok(db.execute("DELETE FROM action WHERE id = ?1", &[&id])? > 0)
}

/// Sets the action's status (and the day it was completed, while done);
/// false if there is no such action.
pub fn set_status(
    db: &dyn Db,
    id: Uuid,
    status: &str,
    at: &str,
    reported: NaiveDate,
) -> CoreResult<bool> {
    let completed = (status == "done").then_some(reported);
    Ok(db.execute(
        "UPDATE action SET status = ?2, updated_at = ?3, completed_on = ?4 WHERE id = ?1",
        &[&id, &status, &at, &completed],
    )? > 0)
}

/// A report: status, note, by, the date it was reported.
pub type Report<'a> = (&'a str, Option<&'a str>, &'a str, NaiveDate);

/// Revises the report made at `meeting` in place; false if there was none.
pub fn revise_report(
    db: &dyn Db,
    id: Uuid,
    meeting: Uuid,
    r: Report<'_>,
    at: &str,
) -> CoreResult<bool> {
    let values: [&dyn ToValue; 7] = [&id, &meeting, &at, &r.0, &r.1, &r.2, &r.3];
    Ok(db.execute(
        "UPDATE action_update SET at = ?3, status = ?4, note = ?5, recorded_by = ?6, reported_on = ?7
         WHERE action_id = ?1 AND meeting_id = ?2",
        &values,
    )? > 0)
}

pub fn add_report(
    db: &dyn Db,
    id: Uuid,
    meeting: Option<Uuid>,
    r: Report<'_>,
    at: &str,
) -> CoreResult<()> {
    let values: [&dyn ToValue; 8] = [&Uuid::new_v4(), &id, &at, &r.0, &r.1, &meeting, &r.2, &r.3];
    db.execute(
        "INSERT INTO action_update (id, action_id, at, status, note, meeting_id, recorded_by, reported_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &values,
    )?;
    Ok(())
}

/// Actions of earlier meetings reported on at this one (for one agency, or all).
pub fn reported_at(
    db: &dyn Db,
    meeting_id: Uuid,
    agency_id: Option<Uuid>,
) -> CoreResult<Vec<Uuid>> {
    let sql = "SELECT DISTINCT u.action_id FROM action_update u JOIN action a ON a.id = u.action_id
         WHERE u.meeting_id = ?1 AND a.meeting_id <> ?1";
    match &agency_id {
        Some(agency) => db.column(
            &format!("{sql} AND a.agency_id = ?2"),
            &[&meeting_id, agency],
        ),
        None => db.column(sql, &[&meeting_id]),
    }
}

/// The open actions and those reported between `previous` and `date`, of
/// the panel's meetings before `date` (for one agency, or all). SQLite's
/// unary `+` keeps it from walking every action of the panel's years of
/// meetings (it has no statistics to go on). PostgreSQL, given the same
/// `IN (... UNION ...)`, hashed its 1,500 ids against a scan of every
/// action (18 ms for the minutes, 98,000 actions); asked for the open
/// ones or those in an array of the reported ones, it reads both from
/// their indexes (a bitmap OR). For one agency SQLite takes that agency's
/// open actions from their index (agency, status) and keeps the agency's
/// index off the outer `action`: walking every action the agency ever had
/// (2,500 on the ten-year borough, pages read and decrypted from all over
/// the file) made each of a meeting's 25 action plans 5 ms slower.
pub fn for_review(
    db: &dyn Db,
    panel: Uuid,
    date: &str,
    previous: &str,
    agency: Option<Uuid>,
) -> CoreResult<Vec<Row>> {
    let plus = db.pick("+", "");
    let order = db.ignoring_case("g.name");
    let mut params: Vec<&dyn ToValue> = vec![&panel, &date, &previous];
    let by_agency = super::and_equal(
        db.pick("+a.agency_id", "a.agency_id"),
        agency.as_ref(),
        &mut params,
    );
    let open_of_agency = if agency.is_some() {
        " AND o.agency_id = ?4"
    } else {
        ""
    };
    let sqlite_candidates = format!(
        "a.id IN (
            SELECT o.id FROM action o WHERE o.status IN ('open', 'in_progress'){open_of_agency}
            UNION
            SELECT u.action_id FROM action_update u
            WHERE +u.meeting_id IS NULL AND u.reported_on >= ?3 AND u.reported_on <= ?2)"
    );
    let candidates = db.pick(
        &sqlite_candidates,
        "(a.status IN ('open', 'in_progress') OR a.id = ANY (ARRAY (
            SELECT u.action_id FROM action_update u
            WHERE u.meeting_id IS NULL AND u.reported_on >= ?3 AND u.reported_on <= ?2)))",
    );
    let sql = format!(
        "{SELECT_FROM} WHERE {candidates}
           AND {plus}m.panel_id = ?1 AND {plus}m.date < ?2{by_agency}
         ORDER BY a.status NOT IN ('open', 'in_progress'), a.due_date IS NULL, a.due_date, {order},
                  m.date, a.position, a.id"
    );
    db.rows(&sql, &params, read)
}

/// One action.
pub fn by_id(db: &dyn Db, id: Uuid) -> CoreResult<Option<Row>> {
    db.row(&format!("{SELECT_FROM} WHERE a.id = ?1"), &[&id], read)
}

/// The actions `ids` (those that exist), in one statement per
/// [`super::IN_LIST`] of them.
pub fn by_ids(db: &dyn Db, ids: &[Uuid]) -> CoreResult<Vec<Row>> {
    super::query_in(db, &format!("{SELECT_FROM} WHERE a.id IN (MARKS)"), ids)?
        .iter()
        .map(read)
        .collect()
}

/// The actions agreed at a meeting, in the order agreed (for one agency or
/// case, or all).
pub fn agreed_at(
    db: &dyn Db,
    meeting: Uuid,
    agency: Option<Uuid>,
    case: Option<Uuid>,
) -> CoreResult<Vec<Row>> {
    alone(db, |batch| agreed_at_in(batch, meeting, agency, case))
}

/// [`agreed_at`]'s query, added to `batch`.
pub fn agreed_at_in(
    batch: &mut Batch,
    meeting: Uuid,
    agency: Option<Uuid>,
    case: Option<Uuid>,
) -> Rows<Row> {
    let mut params: Vec<&dyn ToValue> = vec![&meeting];
    let by_agency = super::and_equal("a.agency_id", agency.as_ref(), &mut params);
    let by_case = super::and_equal("a.case_id", case.as_ref(), &mut params);
    batch.rows(
        format!("{SELECT_FROM} WHERE a.meeting_id = ?1{by_agency}{by_case} ORDER BY a.position"),
        &params,
        read,
    )
}

/// A case's actions still open, from any meeting, soonest due first.
pub fn open_for_case(db: &dyn Db, case: Uuid) -> CoreResult<Vec<Row>> {
    alone(db, |batch| open_for_case_in(batch, case))
}

/// [`open_for_case`]'s query, added to `batch`.
pub fn open_for_case_in(batch: &mut Batch, case: Uuid) -> Rows<Row> {
    batch.rows(
        format!(
            "{SELECT_FROM} WHERE a.case_id = ?1 AND a.status IN ('open', 'in_progress')
             ORDER BY a.due_date IS NULL, a.due_date, a.position"
        ),
        &[&case],
        read,
    )
}

/// Every action on a case, in the order the meetings agreed them.
pub fn of_case(db: &dyn Db, case: Uuid) -> CoreResult<Vec<Row>> {
    db.rows(
        &format!("{SELECT_FROM} WHERE a.case_id = ?1 ORDER BY m.date, a.position"),
        &[&case],
        read,
    )
}
