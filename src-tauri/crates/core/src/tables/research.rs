//! Research before a meeting's SQL (issue 18): the published request, the
//! reminders, the agenda's cases as an agency may see them (only the
//! columns it needs to search its records) and the agencies' answers,
//! which are their shares of the meeting marked `researched_at`. Runs on
//! both engines; on PostgreSQL an agency's account gets only the rows its
//! policies allow (migration 19), whatever is asked here.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Db, Values};

/// The published request: last day, when, by whom.
pub fn request(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Option<(String, String, String)>> {
    db.row(
        "SELECT due_on, published_at, published_by FROM research_request WHERE meeting_id = ?1",
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Publishes, or moves the deadline of, a meeting's research.
pub fn publish(db: &dyn Db, meeting_id: Uuid, due_on: &str, by: (&str, &str)) -> CoreResult<()> {
    db.execute(
        "INSERT INTO research_request (meeting_id, due_on, published_at, published_by)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (meeting_id) DO UPDATE SET due_on = excluded.due_on,
            published_at = excluded.published_at, published_by = excluded.published_by",
        &[&meeting_id, &due_on, &by.1, &by.0],
    )?;
    Ok(())
}

/// The meeting's date, status and panel's name.
pub fn meeting(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Option<(String, String, String)>> {
    db.row(
        "SELECT m.date, m.status, p.name FROM meeting m JOIN panel p ON p.id = m.panel_id WHERE m.id = ?1",
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// The agencies expected at the meeting: id, name, short code, by name.
pub fn expected(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<(Uuid, String, String)>> {
    db.rows(
        &format!(
            "SELECT g.id, g.name, g.short_code FROM meeting_expected_agency e
             JOIN agency g ON g.id = e.agency_id WHERE e.meeting_id = ?1 ORDER BY {}",
            db.ignoring_case("g.name")
        ),
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

pub fn is_expected(db: &dyn Db, meeting_id: Uuid, agency_id: Uuid) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM meeting_expected_agency WHERE meeting_id = ?1 AND agency_id = ?2",
        &[&meeting_id, &agency_id],
    )
}

/// The cases on the agenda, in its order, with only what research needs:
/// id, reference, name, aliases (JSON), date of birth, address, postcode.
pub fn subjects(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<Values>> {
    db.query(
        "SELECT c.id, c.reference, c.subject_name, c.aliases, c.date_of_birth, c.address, c.postcode
         FROM agenda_item i JOIN person_case c ON c.id = i.case_id
         WHERE i.meeting_id = ?1 ORDER BY i.position",
        &[&meeting_id],
    )
}

/// Answers researched in advance (of one agency, or of all): case, agency,
/// state, facts, opinion, withheld, why, by, version.
pub fn answers(db: &dyn Db, meeting_id: Uuid, agency_id: Option<Uuid>) -> CoreResult<Vec<Values>> {
    let select =
        "SELECT case_id, agency_id, state, facts, opinion, withheld, withheld_reason, updated_by,
                updated_at
         FROM information_share WHERE meeting_id = ?1 AND researched_at IS NOT NULL";
    match agency_id {
        Some(agency) => db.query(
            &format!("{select} AND agency_id = ?2"),
            &[&meeting_id, &agency],
        ),
        None => db.query(select, &[&meeting_id]),
    }
}

/// When each agency was last reminded: agency, when.
pub fn reminders(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<(Uuid, String)>> {
    db.rows(
        "SELECT agency_id, reminded_at FROM research_reminder WHERE meeting_id = ?1",
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub fn remind(db: &dyn Db, meeting_id: Uuid, agency_id: Uuid, by: (&str, &str)) -> CoreResult<()> {
    db.execute(
        "INSERT INTO research_reminder (meeting_id, agency_id, reminded_at, reminded_by)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (meeting_id, agency_id) DO UPDATE SET reminded_at = excluded.reminded_at,
            reminded_by = excluded.reminded_by",
        &[&meeting_id, &agency_id, &by.1, &by.0],
    )?;
    Ok(())
}

/// The meetings an agency is asked to research and not yet held, latest
/// first.
pub fn meetings_for(db: &dyn Db, agency_id: Uuid) -> CoreResult<Vec<Uuid>> {
    db.column(
        "SELECT r.meeting_id FROM research_request r
         JOIN meeting_expected_agency e ON e.meeting_id = r.meeting_id
         JOIN meeting m ON m.id = r.meeting_id
         WHERE e.agency_id = ?1 AND m.status <> 'held' ORDER BY m.date DESC",
        &[&agency_id],
    )
}
