//! The Dash checklists' SQL: a case's assessments, oldest first, and a new
//! one. The answers are kept together as one JSON list (question order),
//! read and written whole: nothing queries a single answer, and an
//! assessment is never edited (a re-assessment is a new row). Runs on both
//! engines; on PostgreSQL only the panel's staff read or write these rows
//! (migration 22), never an agency's account.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Batch, Db, Rows, Values, alone};

/// What a new assessment stores.
pub struct NewAssessment<'a> {
    pub id: Uuid,
    pub case_id: Uuid,
    pub version: &'a str,
    pub completed_on: &'a str,
    pub completed_by: &'a str,
    pub answers_json: &'a str,
    pub score: u32,
}

pub fn insert(db: &dyn Db, a: &NewAssessment<'_>, by: (&str, &str)) -> CoreResult<()> {
    db.execute(
        "INSERT INTO dash_assessment (id, case_id, version, completed_on, completed_by, answers,
            score, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &[
            &a.id,
            &a.case_id,
            &a.version,
            &a.completed_on,
            &a.completed_by,
            &a.answers_json,
            &a.score,
            &by.1,
            &by.0,
        ],
    )?;
    Ok(())
}

/// The case's assessments, oldest first: id, version, completed on,
/// completed by, answers (JSON), score, recorded by.
pub fn of_case(db: &dyn Db, case_id: Uuid) -> CoreResult<Vec<Values>> {
    alone(db, |batch| of_case_in(batch, case_id))
}

/// [`of_case`]'s query, added to `batch`.
pub fn of_case_in(batch: &mut Batch, case_id: Uuid) -> Rows<Values> {
    batch.rows(
        "SELECT id, version, completed_on, completed_by, answers, score, recorded_by
         FROM dash_assessment WHERE case_id = ?1 ORDER BY completed_on, recorded_at",
        &[&case_id],
        |r| Ok(r.clone()),
    )
}

/// The highest score on record for the case, if it has any assessment.
pub fn highest_score(db: &dyn Db, case_id: Uuid) -> CoreResult<Option<u32>> {
    let row = db.first(
        "SELECT max(score) FROM dash_assessment WHERE case_id = ?1",
        &[&case_id],
    )?;
    match row {
        Some(r) => r.get::<Option<u32>>(0),
        None => Ok(None),
    }
}

/// Sets the case's referral route (the score decides "visible high risk").
pub fn set_route(db: &dyn Db, case_id: Uuid, route: &str, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE person_case SET referral_route = ?2, updated_at = ?3 WHERE id = ?1",
        &[&case_id, &route, &at],
    )?;
    Ok(())
}

/// The scores of every case on a meeting's agenda completed by the meeting's
/// day, in one statement for the minutes: case, completed on, score,
/// version, oldest first.
pub fn scores_at(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<Values>> {
    db.query(
        "SELECT d.case_id, d.completed_on, d.score, d.version
         FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
         JOIN dash_assessment d ON d.case_id = i.case_id
         WHERE i.meeting_id = ?1 AND d.completed_on <= m.date
         ORDER BY d.completed_on, d.recorded_at",
        &[&meeting_id],
    )
}

/// The checklist being filled in on the case, as typed: version, completed
/// on, completed by, answers (JSON).
pub fn draft(db: &dyn Db, case_id: Uuid) -> CoreResult<Option<Values>> {
    Ok(alone(db, |batch| draft_in(batch, case_id))?
        .into_iter()
        .next())
}

/// [`draft`]'s query, added to `batch`: no row or one.
pub fn draft_in(batch: &mut Batch, case_id: Uuid) -> Rows<Values> {
    batch.rows(
        "SELECT version, completed_on, completed_by, answers FROM dash_draft WHERE case_id = ?1",
        &[&case_id],
        |r| Ok(r.clone()),
    )
}

/// Saves the checklist being filled in, replacing the last save.
pub fn save_draft(
    db: &dyn Db,
    case_id: Uuid,
    typed: (&str, &str, &str, &str),
    by: (&str, &str),
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO dash_draft (case_id, version, completed_on, completed_by, answers, updated_at,
            updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (case_id) DO UPDATE SET version = excluded.version,
            completed_on = excluded.completed_on, completed_by = excluded.completed_by,
            answers = excluded.answers, updated_at = excluded.updated_at,
            updated_by = excluded.updated_by",
        &[
            &case_id, &typed.0, &typed.1, &typed.2, &typed.3, &by.1, &by.0,
        ],
    )?;
    Ok(())
}

pub fn delete_draft(db: &dyn Db, case_id: Uuid) -> CoreResult<()> {
    db.execute("DELETE FROM dash_draft WHERE case_id = ?1", &[&case_id])?;
    Ok(())
}
