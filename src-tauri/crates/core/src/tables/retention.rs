//! Retention's SQL: which closed cases are past their panel's retention
//! period, and removing one with everything under it. Date arithmetic is
//! the one dialect difference. Runs on both engines.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Db, Values};

/// Closed cases due on `?1`: id, reference, name, panel, closed on, due
/// on, years kept.
fn due_sql(db: &dyn Db) -> &'static str {
    db.pick(
        "SELECT c.id, c.reference, c.subject_name, p.name, c.closed_on,
            date(c.closed_on, '+' || p.retention_years || ' years') AS due_on, p.retention_years
         FROM person_case c JOIN panel p ON p.id = c.panel_id
         WHERE c.status = 'closed' AND c.closed_on IS NOT NULL
           AND date(c.closed_on, '+' || p.retention_years || ' years') <= ?1",
        "SELECT c.id, c.reference, c.subject_name, p.name, c.closed_on,
            (c.closed_on + make_interval(years => p.retention_years::int))::date AS due_on,
            p.retention_years
         FROM person_case c JOIN panel p ON p.id = c.panel_id
         WHERE c.status = 'closed' AND c.closed_on IS NOT NULL
           AND (c.closed_on + make_interval(years => p.retention_years::int))::date <= ?1",
    )
}

/// Every case due for deletion on `today`, longest overdue first.
pub fn due(db: &dyn Db, today: &str) -> CoreResult<Vec<Values>> {
    db.query(
        &format!("{} ORDER BY due_on, c.reference", due_sql(db)),
        &[&today],
    )
}

/// The case, if it is due for deletion on `today`.
pub fn due_case(db: &dyn Db, today: &str, id: Uuid) -> CoreResult<Option<Values>> {
    db.first(&format!("{} AND c.id = ?2", due_sql(db)), &[&today, &id])
}

/// Deletes the case and everything under it (`ON DELETE CASCADE`); a
/// later referral of the same person keeps its own record and retention,
/// and no longer points at it.
pub fn delete_case(db: &dyn Db, id: Uuid) -> CoreResult<()> {
    super::search::forget_case(db, id)?;
    db.execute(
        "UPDATE person_case SET repeat_of = NULL WHERE repeat_of = ?1",
        &[&id],
    )?;
    db.execute(
        "UPDATE meeting SET current_item_id = NULL
         WHERE current_item_id IN (SELECT id FROM agenda_item WHERE case_id = ?1)",
        &[&id],
    )?;
    db.execute("DELETE FROM person_case WHERE id = ?1", &[&id])?;
    Ok(())
}
