//! The minutes' approval and amendments: columns of `meeting` and the
//! `amendment` table. Runs on both engines.

use uuid::Uuid;

use crate::domain::approval::Amendment;
use crate::error::CoreResult;
use crate::store::sql::{Db, Values};

/// Where a meeting's minutes stand, as stored.
pub struct ApprovalRow {
    pub held: bool,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub version: u32,
}

pub fn approval(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Option<ApprovalRow>> {
    db.row(
        "SELECT status = 'held', approved_by, approved_at, minutes_version FROM meeting WHERE id = ?1",
        &[&meeting_id],
        |r| {
            Ok(ApprovalRow {
                held: r.get(0)?,
                approved_by: r.get(1)?,
                approved_at: r.get(2)?,
                version: r.get(3)?,
            })
        },
    )
}

/// Every amendment of the meeting's minutes, oldest first.
pub fn amendments(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<Amendment>> {
    db.rows(
        "SELECT version, opened_by, opened_at, why, what, closed_at FROM amendment
         WHERE meeting_id = ?1 ORDER BY version",
        &[&meeting_id],
        |r| {
            Ok(Amendment {
                version: r.get(0)?,
                opened_by: r.get(1)?,
                opened_at: r.get(2)?,
                why: r.get(3)?,
                what: r.get(4)?,
                closed_at: r.get(5)?,
            })
        },
    )
}

/// Who approved the minutes and when, if they are approved and no amendment
/// is under way (the record is then locked).
pub fn locked_by(db: &dyn Db, meeting_id: &str) -> CoreResult<Option<(String, String)>> {
    let sql = format!("SELECT {LOCK_COLUMNS} FROM meeting m WHERE m.id = ?1");
    Ok(db.row(&sql, &[&meeting_id], |r| lock_at(r, 0))?.flatten())
}

/// The three columns of meeting `m` that say whether its record is locked,
/// for a statement that asks more at the same time; read by [`lock_at`].
pub const LOCK_COLUMNS: &str = "m.approved_by, m.approved_at,
    EXISTS (SELECT 1 FROM amendment WHERE meeting_id = m.id AND closed_at IS NULL)";

/// Who approved the minutes and when, from [`LOCK_COLUMNS`] read from
/// column `first` on, if the record is locked (approved, no amendment
/// under way).
pub fn lock_at(row: &Values, first: usize) -> CoreResult<Option<(String, String)>> {
    let by: Option<String> = row.get(first)?;
    let at: Option<String> = row.get(first + 1)?;
    let amending: bool = row.get(first + 2)?;
    Ok(match (by, at, amending) {
        (Some(by), Some(at), false) => Some((by, at)),
        _ => None,
    })
}

pub fn approve(tx: &dyn Db, meeting_id: Uuid, approver: &str, at: &str) -> CoreResult<()> {
    tx.execute(
        "UPDATE meeting SET approved_by = ?2, approved_at = ?3, minutes_version = 1, updated_at = ?3 WHERE id = ?1",
        &[&meeting_id, &approver, &at],
    )?;
    Ok(())
}

pub fn open_amendment(
    tx: &dyn Db,
    meeting_id: Uuid,
    version: u32,
    by: &str,
    at: &str,
    why: &str,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO amendment (id, meeting_id, version, opened_by, opened_at, why) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[&Uuid::new_v4(), &meeting_id, &version, &by, &at, &why],
    )?;
    Ok(())
}

/// Closes the open amendment and gives the minutes its version.
pub fn close_amendment(
    tx: &dyn Db,
    meeting_id: Uuid,
    version: u32,
    what: &str,
    at: &str,
) -> CoreResult<()> {
    tx.execute(
        "UPDATE amendment SET what = ?2, closed_at = ?3 WHERE meeting_id = ?1 AND closed_at IS NULL",
        &[&meeting_id, &what, &at],
    )?;
    tx.execute(
        "UPDATE meeting SET minutes_version = ?2, updated_at = ?3 WHERE id = ?1",
        &[&meeting_id, &version, &at],
    )?;
    Ok(())
}
