//! Running a meeting's SQL: attendance by agency and by person, what each
//! agency shares about a case, the panel's assessment and outcome at the
//! hearing, and the agenda's timers. Runs on both engines.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Batch, Db, Rows, ToValue, Values};
use crate::tables::approval::{LOCK_COLUMNS, lock_at};

pub fn meeting_date(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Option<String>> {
    db.value("SELECT date FROM meeting WHERE id = ?1", &[&meeting_id])
}

/// Records an agency's attendance; false if there is no such agency.
pub fn set_agency_attendance(
    db: &dyn Db,
    meeting_id: Uuid,
    agency_id: Uuid,
    status: &str,
) -> CoreResult<bool> {
    if !super::agencies::exists(db, agency_id)? {
        return Ok(false);
    }
    db.execute(
        "INSERT INTO agency_attendance (meeting_id, agency_id, status) VALUES (?1, ?2, ?3)
         ON CONFLICT (meeting_id, agency_id) DO UPDATE SET status = excluded.status",
        &[&meeting_id, &agency_id, &status],
    )?;
    Ok(true)
}

/// An agency's attendance: id, name, short code, status.
pub type Attending = (Uuid, String, String, Option<String>);

/// Every agency expected or recorded.
pub fn attendance(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<Attending>> {
    db.rows(&attendance_sql(db), &[&meeting_id], attending)
}

/// [`attendance`]'s query; `?1` the meeting.
pub fn attendance_sql(db: &dyn Db) -> String {
    format!(
        "SELECT g.id, g.name, g.short_code, a.status FROM agency g
         LEFT JOIN agency_attendance a ON a.agency_id = g.id AND a.meeting_id = ?1
         WHERE a.status IS NOT NULL
            OR g.id IN (SELECT agency_id FROM meeting_expected_agency WHERE meeting_id = ?1)
         ORDER BY {}",
        db.ignoring_case("g.name")
    )
}

/// [`attendance`]'s query, added to `batch`.
pub fn attendance_in(batch: &mut Batch, db: &dyn Db, meeting_id: Uuid) -> Rows<Attending> {
    batch.rows(attendance_sql(db), &[&meeting_id], attending)
}

/// One row of [`attendance_sql`].
pub fn attending(r: &Values) -> CoreResult<Attending> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

/// An attendee's fields as stored: agency, name, role, acknowledged,
/// arrived, left.
pub type AttendeeFields<'a> = (
    &'a Option<Uuid>,
    &'a str,
    &'a Option<String>,
    bool,
    &'a Option<String>,
    &'a Option<String>,
);

pub fn add_attendee(db: &dyn Db, meeting_id: Uuid, a: AttendeeFields<'_>) -> CoreResult<()> {
    let position: i64 = db
        .value(
            "SELECT coalesce(max(position), -1) + 1 FROM attendee WHERE meeting_id = ?1",
            &[&meeting_id],
        )?
        .unwrap_or(0);
    let values: [&dyn ToValue; 9] = [
        &Uuid::new_v4(),
        &meeting_id,
        a.0,
        &position,
        &a.1,
        a.2,
        &a.3,
        a.4,
        a.5,
    ];
    db.execute(
        "INSERT INTO attendee (id, meeting_id, agency_id, position, name, role, acknowledged, arrived_at, left_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &values,
    )?;
    Ok(())
}

pub fn attendee_meeting(db: &dyn Db, attendee_id: Uuid) -> CoreResult<Option<Uuid>> {
    db.value(
        "SELECT meeting_id FROM attendee WHERE id = ?1",
        &[&attendee_id],
    )
}

pub fn update_attendee(db: &dyn Db, attendee_id: Uuid, a: AttendeeFields<'_>) -> CoreResult<()> {
    let values: [&dyn ToValue; 7] = [&attendee_id, a.0, &a.1, a.2, &a.3, a.4, a.5];
    db.execute(
        "UPDATE attendee SET agency_id = ?2, name = ?3, role = ?4, acknowledged = ?5, arrived_at = ?6, left_at = ?7
         WHERE id = ?1",
        &values,
    )?;
    Ok(())
}

/// The attendees in order: id, agency, name, role, acknowledged, arrived, left.
pub fn attendees(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<Values>> {
    db.query(ATTENDEES, &[&meeting_id])
}

/// [`attendees`]' query; `?1` the meeting.
pub const ATTENDEES: &str = "SELECT id, agency_id, name, role, acknowledged, arrived_at, left_at
     FROM attendee WHERE meeting_id = ?1 ORDER BY position";

pub fn on_agenda(db: &dyn Db, meeting_id: Uuid, case_id: Uuid) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM agenda_item WHERE meeting_id = ?1 AND case_id = ?2",
        &[&meeting_id, &case_id],
    )
}

/// What an edit to a case's record at a meeting checks first, read by one
/// statement (on PostgreSQL each statement is a round trip, and an edit is
/// made at every pause in typing).
pub struct HearingGuard {
    /// The meeting's date: the hearing's.
    pub date: String,
    /// Who approved the minutes and when, if the record is locked.
    pub lock: Option<(String, String)>,
    pub on_agenda: bool,
    /// The hearing row exists already (it is made at the first edit).
    pub heard: bool,
    /// The agency asked about exists (false when none was asked about).
    pub agency_exists: bool,
}

/// [`HearingGuard`] for `case_id` at `meeting_id`, and `agency_id` if an
/// agency's words are being saved; none if there is no such meeting.
pub fn hearing_guard(
    db: &dyn Db,
    meeting_id: Uuid,
    case_id: Uuid,
    agency_id: Option<Uuid>,
) -> CoreResult<Option<HearingGuard>> {
    let sql = format!(
        "SELECT m.date, {LOCK_COLUMNS},
                EXISTS (SELECT 1 FROM agenda_item WHERE meeting_id = m.id AND case_id = ?2),
                EXISTS (SELECT 1 FROM hearing WHERE meeting_id = m.id AND case_id = ?2),
                EXISTS (SELECT 1 FROM agency WHERE id = ?3)
         FROM meeting m WHERE m.id = ?1"
    );
    db.row(&sql, &[&meeting_id, &case_id, &agency_id], |r| {
        Ok(HearingGuard {
            date: r.get(0)?,
            lock: lock_at(r, 1)?,
            on_agenda: r.get(4)?,
            heard: r.get(5)?,
            agency_exists: r.get(6)?,
        })
    })
}

/// The hearing row the meeting's record of the case hangs on.
pub fn ensure_hearing(
    db: &dyn Db,
    meeting_id: Uuid,
    case_id: Uuid,
    date: &str,
    at: &str,
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO hearing (id, case_id, meeting_id, heard_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO NOTHING",
        &[&Uuid::new_v4(), &case_id, &meeting_id, &date, &at],
    )?;
    Ok(())
}

/// What one agency shared: state, facts, opinion, withheld, why; and who.
pub type ShareFields<'a> = (
    &'a str,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
);

pub fn save_share(
    db: &dyn Db,
    key: (Uuid, Uuid, Uuid),
    s: ShareFields<'_>,
    by: (&str, &str),
    researched: bool,
) -> CoreResult<()> {
    let mut batch = Batch::new();
    save_share_in(&mut batch, key, s, by, researched);
    batch.run(db).map(drop)
}

/// [`save_share`] sent with the reads that follow it (see [`Batch::write`]).
pub fn save_share_in(
    batch: &mut Batch,
    key: (Uuid, Uuid, Uuid),
    s: ShareFields<'_>,
    by: (&str, &str),
    researched: bool,
) {
    let (meeting_id, case_id, agency_id) = key;
    let researched_at: Option<&str> = researched.then_some(by.1);
    let values: [&dyn ToValue; 11] = [
        &meeting_id,
        &case_id,
        &agency_id,
        &s.0,
        s.1,
        s.2,
        s.3,
        s.4,
        &by.1,
        &by.0,
        &researched_at,
    ];
    // An agency's research marks the share `researched_at`; an edit in the
    // meeting keeps the mark (COALESCE) and is audited like any other.
    batch.write(
        "INSERT INTO information_share (meeting_id, case_id, agency_id, state, facts, opinion, withheld,
            withheld_reason, updated_at, updated_by, researched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (meeting_id, case_id, agency_id) DO UPDATE SET state = excluded.state, facts = excluded.facts,
            opinion = excluded.opinion, withheld = excluded.withheld, withheld_reason = excluded.withheld_reason,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by,
            researched_at = COALESCE(excluded.researched_at, information_share.researched_at)",
        &values,
    );
}

/// The panel's assessment: summary, level, RAG, likelihood, impact,
/// decisions, who tells them.
pub type Assessment<'a> = (
    &'a Option<String>,
    Option<&'a str>,
    Option<&'a str>,
    Option<u32>,
    Option<u32>,
    &'a Option<String>,
    &'a Option<String>,
);

/// The panel's assessment saved, sent with the reads that follow it (see
/// [`Batch::write`]).
pub fn save_assessment_in(
    batch: &mut Batch,
    meeting_id: Uuid,
    case_id: Uuid,
    a: Assessment<'_>,
    by: (&str, &str),
) {
    let values: [&dyn ToValue; 11] = [
        &meeting_id,
        &case_id,
        a.0,
        &a.1,
        &a.2,
        &a.3,
        &a.4,
        a.5,
        a.6,
        &by.1,
        &by.0,
    ];
    batch.write(
        "UPDATE hearing SET summary = ?3, risk_level = ?4, risk_rag = ?5, risk_likelihood = ?6, risk_impact = ?7,
            decisions = ?8, who_tells = ?9, updated_at = ?10, recorded_by = ?11
         WHERE meeting_id = ?1 AND case_id = ?2",
        &values,
    );
}

/// The date of the panel's next scheduled meeting after this one.
pub fn next_meeting_date(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Option<String>> {
    Ok(db
        .value::<Option<String>>(
            "SELECT min(m.date) FROM meeting m JOIN meeting this ON this.id = ?1
             WHERE m.panel_id = this.panel_id AND m.date > this.date AND m.kind = 'scheduled'",
            &[&meeting_id],
        )?
        .flatten())
}

pub fn save_outcome_reason(
    db: &dyn Db,
    meeting_id: Uuid,
    case_id: Uuid,
    reason: &Option<String>,
    by: (&str, &str),
) -> CoreResult<()> {
    db.execute(
        "UPDATE hearing SET outcome_reason = ?3, updated_at = ?4, recorded_by = ?5
         WHERE meeting_id = ?1 AND case_id = ?2",
        &[&meeting_id, &case_id, reason, &by.1, &by.0],
    )?;
    Ok(())
}

/// The hearing's record, columns 0..=9: summary, level, RAG, likelihood,
/// impact, decisions, who tells, outcome, its reason, review due: a case's
/// hearing at a meeting, added to `batch` (no row or one).
pub fn hearing_in(batch: &mut Batch, meeting_id: Uuid, case_id: Uuid) -> Rows<Values> {
    batch.rows(
        "SELECT summary, risk_level, risk_rag, risk_likelihood, risk_impact, decisions, who_tells, outcome,
                outcome_reason, review_due
         FROM hearing WHERE meeting_id = ?1 AND case_id = ?2",
        &[&meeting_id, &case_id],
        |r| Ok(r.clone()),
    )
}

/// Where the case is in a row of [`hearings_at_in`].
pub const HEARING_CASE: usize = 10;

/// Every hearing at a meeting: the columns of [`hearing_in`], then the case.
pub fn hearings_at_in(batch: &mut Batch, meeting_id: Uuid) -> Rows<Values> {
    batch.rows(
        "SELECT summary, risk_level, risk_rag, risk_likelihood, risk_impact, decisions, who_tells, outcome,
                outcome_reason, review_due, case_id
         FROM hearing WHERE meeting_id = ?1",
        &[&meeting_id],
        |r| Ok(r.clone()),
    )
}

/// Where the case is in a row of [`shares_at_in`].
pub const SHARE_CASE: usize = 11;

/// Everything shared at a meeting: the columns of [`shares_in`], then the
/// case; each case's in the same order as [`shares_in`] gives them.
pub fn shares_at_in(batch: &mut Batch, db: &dyn Db, meeting_id: Uuid) -> Rows<Values> {
    batch.rows(
        format!(
            "SELECT s.agency_id, g.name, g.short_code, s.state, s.facts, s.opinion, s.withheld,
                    s.withheld_reason, s.updated_by, s.updated_at, s.researched_at, s.case_id
             FROM information_share s JOIN agency g ON g.id = s.agency_id
             WHERE s.meeting_id = ?1 ORDER BY {}",
            db.ignoring_case("g.name")
        ),
        &[&meeting_id],
        |r| Ok(r.clone()),
    )
}

/// What each agency shared, by agency name: agency, name, short code,
/// state, facts, opinion, withheld, why, by, when, when researched in
/// advance (none: shared in the meeting): about a case at a meeting,
/// added to `batch`.
pub fn shares_in(batch: &mut Batch, db: &dyn Db, meeting_id: Uuid, case_id: Uuid) -> Rows<Values> {
    batch.rows(
        format!(
            "SELECT s.agency_id, g.name, g.short_code, s.state, s.facts, s.opinion, s.withheld,
                    s.withheld_reason, s.updated_by, s.updated_at, s.researched_at
             FROM information_share s JOIN agency g ON g.id = s.agency_id
             WHERE s.meeting_id = ?1 AND s.case_id = ?2 ORDER BY {}",
            db.ignoring_case("g.name")
        ),
        &[&meeting_id, &case_id],
        |r| Ok(r.clone()),
    )
}

/// When one agency's share was last saved, and by whom.
pub fn share_version(db: &dyn Db, key: (Uuid, Uuid, Uuid)) -> CoreResult<Option<(String, String)>> {
    let (meeting_id, case_id, agency_id) = key;
    db.row(
        "SELECT updated_at, updated_by FROM information_share
         WHERE meeting_id = ?1 AND case_id = ?2 AND agency_id = ?3",
        &[&meeting_id, &case_id, &agency_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
