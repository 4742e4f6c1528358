//! One person across their cases (confirmed repeats either way): what the
//! timeline and the subject access export read. Runs on both engines.

use std::collections::HashMap;

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Db, Values};

/// The case and every case linked to it by confirmed repeats, however far
/// back or forward, oldest referral first.
pub fn same_person(db: &dyn Db, case_id: Uuid) -> CoreResult<Vec<Uuid>> {
    // PostgreSQL allows one recursive term: back along repeat_of and
    // forward to the cases repeating this one, in one step.
    let walk = db.pick(
        "SELECT ?1
         UNION
         SELECT c.repeat_of FROM person_case c JOIN person p ON c.id = p.id WHERE c.repeat_of IS NOT NULL
         UNION
         SELECT c.id FROM person_case c JOIN person p ON c.repeat_of = p.id",
        "SELECT ?1::uuid
         UNION
         SELECT CASE WHEN c.id = p.id THEN c.repeat_of ELSE c.id END
         FROM person_case c JOIN person p
           ON (c.id = p.id AND c.repeat_of IS NOT NULL) OR c.repeat_of = p.id",
    );
    db.column(
        &format!(
            "WITH RECURSIVE person(id) AS ({walk})
             SELECT c.id FROM person_case c JOIN person p ON p.id = c.id
             ORDER BY c.referral_date, c.created_at"
        ),
        &[&case_id],
    )
}

/// The case's reference and referral date.
pub fn referral(db: &dyn Db, case_id: Uuid) -> CoreResult<Option<(String, String)>> {
    db.row(
        "SELECT reference, referral_date FROM person_case WHERE id = ?1",
        &[&case_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The case's hearings, oldest first: meeting, heard on, start time, panel,
/// risk level, RAG, outcome, review due, who recorded it.
pub fn hearings(db: &dyn Db, case_id: Uuid) -> CoreResult<Vec<Values>> {
    db.query(
        "SELECT h.meeting_id, h.heard_on, m.start_time, p.name, h.risk_level, h.risk_rag, h.outcome,
            h.review_due, coalesce(h.recorded_by, m.minute_taker)
         FROM hearing h JOIN meeting m ON m.id = h.meeting_id JOIN panel p ON p.id = m.panel_id
         WHERE h.case_id = ?1 ORDER BY h.heard_on",
        &[&case_id],
    )
}

/// When each of the actions was typed in, and by whom: one statement for
/// all of a case's actions.
pub fn actions_created(
    db: &dyn Db,
    action_ids: &[Uuid],
) -> CoreResult<HashMap<Uuid, (String, String)>> {
    super::query_in(
        db,
        "SELECT id, created_at, created_by FROM action WHERE id IN (MARKS)",
        action_ids,
    )?
    .iter()
    .map(|r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
    .collect()
}
