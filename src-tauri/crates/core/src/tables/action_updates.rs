//! Progress reported on actions (`action_update`), each action's reports in
//! the order they were made: action id, at, status, note, by, the date it
//! was reported, the meeting it was reported at.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Batch, Db, Ticket, ToValue, Values};

/// The columns and the order, with `WHERE` left to the caller. Reports are
/// revised in place but never moved: physical order breaks a tie between
/// two made in the same microsecond.
fn select(db: &dyn Db, filter: &str) -> String {
    db.pick(
        "SELECT u.action_id, u.at, u.status, u.note, u.recorded_by,
            coalesce(u.reported_on, substr(u.at, 1, 10)), u.meeting_id
         FROM action_update u WHERE FILTER ORDER BY u.action_id, u.at, u.rowid",
        "SELECT u.action_id, u.at, u.status, u.note, u.recorded_by,
            coalesce(u.reported_on, (u.at AT TIME ZONE 'UTC')::date), u.meeting_id
         FROM action_update u WHERE FILTER ORDER BY u.action_id, u.at, u.ctid",
    )
    .replace("FILTER", filter)
}

/// The reports on the actions `ids`: one statement for a whole list (in
/// chunks that stay under either engine's limit on parameters), not one
/// per action.
pub fn of_actions(db: &dyn Db, ids: &[Uuid]) -> CoreResult<Vec<Values>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(super::IN_LIST) {
        let values: Vec<&dyn ToValue> = chunk.iter().map(|id| id as &dyn ToValue).collect();
        let (marks, params) = super::in_list(&values);
        let sql = select(db, &format!("u.action_id IN ({marks})"));
        out.extend(db.query(&sql, params.as_slice())?);
    }
    Ok(out)
}

/// The reports on a case's actions the cockpit shows: those still open and
/// those agreed at `meeting`, added to `batch` so the cockpit does not wait
/// for the actions before asking for their reports.
pub fn of_case_in(batch: &mut Batch, db: &dyn Db, case: Uuid, meeting: Uuid) -> Ticket {
    let filter = "u.action_id IN (SELECT a.id FROM action a WHERE a.case_id = ?1
        AND (a.status IN ('open', 'in_progress') OR a.meeting_id = ?2))";
    batch.add(select(db, filter), &[&case, &meeting])
}
