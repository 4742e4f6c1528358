//! The meetings an agency has action plans from: every meeting at which
//! actions were agreed for it (its own rows; on PostgreSQL the only ones
//! its account can read).

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Db, Values};

/// Meeting, panel's name, date, how many of the agency's actions were
/// agreed there; latest first.
pub fn meetings_with_actions(db: &dyn Db, agency_id: Uuid) -> CoreResult<Vec<Values>> {
    db.query(
        "SELECT a.meeting_id, p.name, m.date, count(*)
         FROM action a JOIN meeting m ON m.id = a.meeting_id JOIN panel p ON p.id = m.panel_id
         WHERE a.agency_id = ?1
         GROUP BY a.meeting_id, p.name, m.date ORDER BY m.date DESC",
        &[&agency_id],
    )
}

pub fn has_actions_at(db: &dyn Db, agency_id: Uuid, meeting_id: Uuid) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM action WHERE agency_id = ?1 AND meeting_id = ?2",
        &[&agency_id, &meeting_id],
    )
}
