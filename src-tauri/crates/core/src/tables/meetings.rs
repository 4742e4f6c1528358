//! The meeting aggregate's SQL: `meeting`, the agencies it expects, and the
//! `hearing`s it records. Runs on both engines; the agenda's items are in
//! [`super::agenda`].

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::store::sql::{Batch, Db, Rows, ToValue, Values};

pub fn minutes_per_case(db: &dyn Db, panel_id: Uuid) -> CoreResult<Option<u32>> {
    db.value(
        "SELECT minutes_per_case FROM panel WHERE id = ?1",
        &[&panel_id],
    )
}

/// The agencies that sit on the panel.
pub fn panel_members(db: &dyn Db, panel_id: Uuid) -> CoreResult<Vec<Uuid>> {
    db.column(
        "SELECT agency_id FROM panel_member WHERE panel_id = ?1",
        &[&panel_id],
    )
}

/// What convening an emergency panel needs to know of its case: panel,
/// children, referral date, status, reference.
pub type EmergencyCase = (Uuid, u32, String, String, String);

pub fn emergency_case(db: &dyn Db, case_id: Uuid) -> CoreResult<Option<EmergencyCase>> {
    db.row(
        "SELECT panel_id, children_count, referral_date, status, reference FROM person_case WHERE id = ?1",
        &[&case_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
}

/// A new meeting's own fields.
pub struct NewMeeting<'a> {
    pub id: Uuid,
    pub panel_id: Uuid,
    pub kind: &'a str,
    pub date: NaiveDate,
    pub start_time: &'a str,
    pub venue: &'a Option<String>,
    pub chair: &'a Option<String>,
    pub minute_taker: &'a Option<String>,
}

pub fn insert(db: &dyn Db, m: &NewMeeting<'_>, at: &str) -> CoreResult<()> {
    let values: [&dyn ToValue; 9] = [
        &m.id,
        &m.panel_id,
        &m.kind,
        &m.date,
        &m.start_time,
        m.venue,
        m.chair,
        m.minute_taker,
        &at,
    ];
    db.execute(
        "INSERT INTO meeting (id, panel_id, kind, date, start_time, venue, chair, minute_taker, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        &values,
    )?;
    Ok(())
}

pub fn expect_agencies(db: &dyn Db, meeting_id: Uuid, agencies: &[Uuid]) -> CoreResult<()> {
    let mut unique = agencies.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let mut params: Vec<&dyn ToValue> = Vec::with_capacity(unique.len() * 2);
    for agency in &unique {
        params.extend([&meeting_id as &dyn ToValue, agency]);
    }
    super::insert_rows(
        db,
        "INSERT INTO meeting_expected_agency (meeting_id, agency_id) VALUES",
        " ON CONFLICT DO NOTHING",
        2,
        &params,
    )
}

/// The meeting's heading, one row: panel, panel name, kind, date, start
/// time, venue, chair, minute-taker, status, the panel's meeting length,
/// its clock (the current item, when the meeting started), then the
/// agencies it expects as one column (see [`agency_ids`]): one statement,
/// not two (on PostgreSQL each statement is work of its own). `?1` the
/// meeting. The agencies come in the order of their ids, which SQLite's
/// key already keeps: sorting them by name, which no reader needs (the
/// meeting page shows how many), was two thirds of this statement.
pub fn head_sql(db: &dyn Db) -> &'static str {
    macro_rules! head {
        ($agencies:literal) => {
            concat!(
                "SELECT m.panel_id, p.name, m.kind, m.date, m.start_time, m.venue, m.chair,
                        m.minute_taker, m.status, p.meeting_minutes, m.current_item_id, m.started_at,
                        (SELECT ",
                $agencies,
                " FROM meeting_expected_agency e WHERE e.meeting_id = m.id)
                 FROM meeting m JOIN panel p ON p.id = m.panel_id WHERE m.id = ?1"
            )
        };
    }
    db.pick(
        head!("group_concat(e.agency_id, ',')"),
        head!("string_agg(e.agency_id::text, ',' ORDER BY e.agency_id)"),
    )
}

/// The expected agencies' column of [`head_sql`] as ids, in its order.
pub fn agency_ids(joined: Option<String>) -> CoreResult<Vec<Uuid>> {
    joined
        .iter()
        .flat_map(|ids| ids.split(','))
        .map(|id| {
            Uuid::parse_str(id)
                .map_err(|_| CoreError::Storage(format!("An expected agency's id reads {id:?}.")))
        })
        .collect()
}

pub fn date_of(db: &dyn Db, id: Uuid) -> CoreResult<Option<String>> {
    db.value("SELECT date FROM meeting WHERE id = ?1", &[&id])
}

/// Records (or corrects) the outcome of the case's hearing at the meeting.
pub fn record_hearing(
    db: &dyn Db,
    hearing: (Uuid, Uuid, &str),
    outcome: &str,
    review_due: Option<NaiveDate>,
    at: &str,
) -> CoreResult<()> {
    let (case_id, meeting_id, heard_on) = hearing;
    let values: [&dyn ToValue; 7] = [
        &Uuid::new_v4(),
        &case_id,
        &meeting_id,
        &heard_on,
        &outcome,
        &review_due,
        &at,
    ];
    db.execute(
        "INSERT INTO hearing (id, case_id, meeting_id, heard_on, outcome, review_due, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (case_id, meeting_id) DO UPDATE SET outcome = excluded.outcome, review_due = excluded.review_due",
        &values,
    )?;
    Ok(())
}

/// Marks the meeting held; false if there is no such meeting.
pub fn set_held(db: &dyn Db, id: Uuid, at: &str) -> CoreResult<bool> {
    Ok(db.execute(
        "UPDATE meeting SET status = 'held', updated_at = ?2 WHERE id = ?1",
        &[&id, &at],
    )? == 1)
}

/// Meetings, soonest upcoming first, then the most recent past ones:
/// id, panel, panel name, kind, date, start, status, cases on the agenda.
pub fn list(db: &dyn Db, panel_id: Option<Uuid>, today: NaiveDate) -> CoreResult<Vec<Values>> {
    let mut params: Vec<&dyn ToValue> = vec![&today];
    let by_panel = super::and_equal("m.panel_id", panel_id.as_ref(), &mut params);
    db.query(
        &format!(
            "SELECT m.id, m.panel_id, p.name, m.kind, m.date, m.start_time, m.status,
                (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id AND i.case_id IS NOT NULL
                   AND i.kind IN ('new_case', 'review_case'))
             FROM meeting m JOIN panel p ON p.id = m.panel_id
             WHERE TRUE{by_panel}
             ORDER BY m.date < ?1, CASE WHEN m.date >= ?1 THEN m.date END, m.date DESC, m.start_time
             LIMIT 300"
        ),
        &params,
    )
}

/// The case's hearings at other meetings, oldest first: heard on, outcome,
/// risk level, RAG.
pub fn other_hearings_in(batch: &mut Batch, case_id: Uuid, meeting_id: Uuid) -> Rows<Values> {
    batch.rows(
        "SELECT h.heard_on, h.outcome, h.risk_level, h.risk_rag FROM hearing h
         WHERE h.case_id = ?1 AND h.meeting_id <> ?2 ORDER BY h.heard_on",
        &[&case_id, &meeting_id],
        |r| Ok(r.clone()),
    )
}
