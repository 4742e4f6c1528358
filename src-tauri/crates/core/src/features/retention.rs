//! Retention: a closed case is kept for its panel's retention period, then it
//! is due for deletion. Deleting removes the case and everything under it
//! (hearings, what agencies shared, actions and their updates, linked people,
//! history, repeat links, the search index entry), overwrites what was
//! deleted (on SQLCipher: `secure_delete`, FTS5 secure-delete, and the
//! write-ahead log emptied; on PostgreSQL the server reclaims the rows at
//! its next vacuum), and leaves one audit entry without personal data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::audit;
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::ymd;
use crate::store::sql::{Db, Values};
use crate::tables::retention as table;

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

fn due_case(r: &Values) -> CoreResult<DueCase> {
    Ok(DueCase {
        id: r.get(0)?,
        reference: r.get(1)?,
        subject_name: r.get(2)?,
        panel_name: r.get(3)?,
        closed_on: r.get(4)?,
        due_on: r.get(5)?,
        retention_years: r.get(6)?,
    })
}

/// Every case due for deletion on `today`, longest overdue first.
pub fn due(db: &dyn Db, today: NaiveDate) -> CoreResult<Vec<DueCase>> {
    table::due(db, &ymd(today))?.iter().map(due_case).collect()
}

/// Deletes the chosen cases, each of which must be due. All or none.
pub fn delete_due(
    store: &mut impl Engine,
    input: &DeleteDueInput,
    today: NaiveDate,
) -> CoreResult<DeletedCases> {
    if input.case_ids.is_empty() {
        return Err(CoreError::field(
            "case_ids",
            "Choose at least one case to delete.",
        ));
    }
    let today_text = ymd(today);
    let deleted = store.write(|tx| {
        let mut count = 0_u32;
        for id in &input.case_ids {
            let Some(case) = table::due_case(tx, &today_text, *id)? else {
                return Err(CoreError::Conflict(
                    "A case you chose is not due for deletion (it may have been reopened). Nothing was deleted; reload the list."
                        .into(),
                ));
            };
            let case = due_case(&case)?;
            table::delete_case(tx, *id)?;
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
    // Old copies of the deleted rows must not stay behind.
    store.purge_deleted()?;
    Ok(DeletedCases { deleted })
}
