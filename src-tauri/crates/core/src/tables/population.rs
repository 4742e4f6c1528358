//! The panel's area population for the SafeLives return: one row per panel,
//! read and replaced. Runs on both engines.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::Db;

/// Women aged 16 and over, and the figure's source, if entered.
pub fn get(db: &dyn Db, panel_id: Uuid) -> CoreResult<Option<(u32, String)>> {
    let rows = db.rows(
        "SELECT women_16_plus, source FROM panel_population WHERE panel_id = ?1",
        &[&panel_id],
        |r| Ok((r.get::<u32>(0)?, r.get::<String>(1)?)),
    )?;
    Ok(rows.into_iter().next())
}

pub fn set(
    db: &dyn Db,
    panel_id: Uuid,
    (women, source): (u32, &str),
    (by, at): (&str, &str),
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO panel_population (panel_id, women_16_plus, source, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (panel_id) DO UPDATE SET women_16_plus = excluded.women_16_plus,
            source = excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        &[&panel_id, &women, &source, &at, &by],
    )?;
    Ok(())
}
