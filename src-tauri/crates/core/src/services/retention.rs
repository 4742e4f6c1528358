//! Retention: a closed case is kept for its panel's retention period, then it
//! is due for deletion. Deleting removes the case and everything under it
//! (hearings, what agencies shared, actions and their updates, linked people,
//! history, repeat links, the search index entry), overwrites what was
//! deleted (`secure_delete`, FTS5 secure-delete, and the write-ahead log
//! emptied), and leaves one audit entry without personal data.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::audit;
use crate::error::{CoreError, CoreResult};
use crate::services::parse_id;
use crate::store::Store;

/// A closed case past its panel's retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueCase {
    pub id: Uuid,
    pub reference: String,
    pub subject_name: String,
    pub panel_name: String,
    /// YYYY-MM-DD
    pub closed_on: String,
    /// YYYY-MM-DD: the day the retention period ended.
    pub due_on: String,
    pub retention_years: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DeleteDueInput {
    pub case_ids: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeletedCases {
    pub deleted: u32,
}

const DUE: &str = "SELECT c.id, c.reference, c.subject_name, p.name, c.closed_on,
        date(c.closed_on, '+' || p.retention_years || ' years'), p.retention_years
     FROM person_case c JOIN panel p ON p.id = c.panel_id
     WHERE c.status = 'closed' AND c.closed_on IS NOT NULL
       AND date(c.closed_on, '+' || p.retention_years || ' years') <= ?1";

fn due_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, DueCase)> {
    Ok((
        r.get(0)?,
        DueCase {
            id: Uuid::nil(),
            reference: r.get(1)?,
            subject_name: r.get(2)?,
            panel_name: r.get(3)?,
            closed_on: r.get(4)?,
            due_on: r.get(5)?,
            retention_years: r.get(6)?,
        },
    ))
}

/// Every case due for deletion on `today`, longest overdue first.
pub fn due(conn: &Connection, today: NaiveDate) -> CoreResult<Vec<DueCase>> {
    let mut stmt = conn.prepare(&format!("{DUE} ORDER BY 6, c.reference"))?;
    let rows = stmt
        .query_map([today.format("%Y-%m-%d").to_string()], due_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, mut case)| {
            case.id = parse_id(&id)?;
            Ok(case)
        })
        .collect()
}

/// Deletes the chosen cases, each of which must be due. All or none.
pub fn delete_due(
    store: &mut Store,
    input: &DeleteDueInput,
    today: NaiveDate,
) -> CoreResult<DeletedCases> {
    if input.case_ids.is_empty() {
        return Err(CoreError::field(
            "case_ids",
            "Choose at least one case to delete.",
        ));
    }
    let today_text = today.format("%Y-%m-%d").to_string();
    let deleted = store.write(|tx| {
        let mut count = 0_u32;
        for id in &input.case_ids {
            let found = tx
                .query_row(
                    &format!("{DUE} AND c.id = ?2"),
                    params![today_text, id.to_string()],
                    due_row,
                )
                .optional()?;
            let Some((_, case)) = found else {
                return Err(CoreError::Conflict(
                    "A case you chose is not due for deletion (it may have been reopened). Nothing was deleted; reload the list."
                        .into(),
                ));
            };
            delete_case(tx, *id)?;
            audit::record(
                tx,
                "delete (retention)",
                "person_case",
                Some(&id.to_string()),
                Some(&format!(
                    "Deleted with everything under it: closed {}, kept {} years under the panel's retention period",
                    case.closed_on, case.retention_years
                )),
            )?;
            count += 1;
        }
        Ok(count)
    })?;
    // Old copies of the deleted pages must not stay in the log.
    store.checkpoint()?;
    Ok(DeletedCases { deleted })
}

fn delete_case(tx: &Connection, id: Uuid) -> CoreResult<()> {
    crate::tables::search::forget_case(tx, id)?;
    let id = id.to_string();
    // A later referral of the same person keeps its own record and its own
    // retention; it just no longer points at the deleted one.
    tx.execute(
        "UPDATE person_case SET repeat_of = NULL WHERE repeat_of = ?1",
        [&id],
    )?;
    tx.execute(
        "UPDATE meeting SET current_item_id = NULL
         WHERE current_item_id IN (SELECT id FROM agenda_item WHERE case_id = ?1)",
        [&id],
    )?;
    // Everything else under the case goes with it (ON DELETE CASCADE).
    tx.execute("DELETE FROM person_case WHERE id = ?1", [&id])?;
    Ok(())
}
