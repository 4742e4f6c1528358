//! Transfers' SQL: the bundles sent and received. Runs on both engines.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::Db;

pub fn record_sent(
    db: &dyn Db,
    (id, case_id, to_panel): (Uuid, Uuid, &str),
    (by, at): (&str, &str),
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO transfer_sent (id, case_id, to_panel, sent_at, sent_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&id, &case_id, &to_panel, &at, &by],
    )?;
    Ok(())
}

/// A bundle sent: its case, where it went, and whether its receipt is in.
pub fn sent(db: &dyn Db, id: Uuid) -> CoreResult<Option<(Uuid, String, bool)>> {
    let rows = db.rows(
        "SELECT case_id, to_panel, receipt_at IS NOT NULL FROM transfer_sent WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(rows.into_iter().next())
}

pub fn record_receipt(db: &dyn Db, id: Uuid, reference: &str, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE transfer_sent SET receipt_at = ?2, receipt_reference = ?3 WHERE id = ?1",
        &[&id, &at, &reference],
    )?;
    Ok(())
}

/// The case a bundle was imported as, if it was.
pub fn received(db: &dyn Db, id: Uuid) -> CoreResult<Option<Uuid>> {
    let rows = db.rows(
        "SELECT case_id FROM transfer_received WHERE id = ?1",
        &[&id],
        |r| r.get(0),
    )?;
    Ok(rows.into_iter().next())
}

pub fn record_received(
    db: &dyn Db,
    (id, case_id, from_panel): (Uuid, Uuid, &str),
    (by, at): (&str, &str),
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO transfer_received (id, case_id, from_panel, received_at, received_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&id, &case_id, &from_panel, &at, &by],
    )?;
    Ok(())
}
