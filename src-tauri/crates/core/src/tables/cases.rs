//! The case aggregate's SQL: `person_case`, its `linked_person`s, its
//! history (`case_event`), and the panel's categories of concern. Nothing
//! here validates; the case feature checks input first and calls these in
//! its transaction. Runs on both engines; the search index is in
//! [`super::search`].

use uuid::Uuid;

use crate::domain::case::{
    CaseEvent, CaseStatus, CaseSummary, Ethnicity, Gender, Relationship, ValidCase, YesNoUnknown,
};
use crate::error::CoreResult;
use crate::store::sql::{Batch, Db, Dialect, Rows, ToValue, Values, alone};

/// Whether a case already has this reference.
pub fn reference_taken(db: &dyn Db, reference: &str) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM person_case WHERE reference = ?1",
        &[&reference],
    )
}

/// The panel's categories of concern, in order.
pub fn concerns(db: &dyn Db, panel_id: Uuid) -> CoreResult<Vec<String>> {
    db.column(
        "SELECT label FROM panel_concern WHERE panel_id = ?1 ORDER BY position",
        &[&panel_id],
    )
}

/// Replaces the panel's categories with `labels`, in order.
pub fn replace_concerns(db: &dyn Db, panel_id: Uuid, labels: &[String]) -> CoreResult<()> {
    db.execute(
        "DELETE FROM panel_concern WHERE panel_id = ?1",
        &[&panel_id],
    )?;
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    super::panels::insert_concerns(db, panel_id, &labels)
}

/// The panel's kind and repeat window, if the panel exists.
pub fn panel_facts(db: &dyn Db, panel_id: Uuid) -> CoreResult<Option<(String, u32)>> {
    db.row(
        "SELECT kind, repeat_window_months FROM panel WHERE id = ?1",
        &[&panel_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub fn insert_event(
    db: &dyn Db,
    case_id: Uuid,
    event: (&str, &str),
    actor: &str,
    at: &str,
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO case_event (id, case_id, at, kind, detail, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[&Uuid::new_v4(), &case_id, &at, &event.0, &event.1, &actor],
    )?;
    Ok(())
}

/// A new case row with nothing but its keys; [`write_fields`] fills it.
pub fn insert_blank(
    db: &dyn Db,
    id: Uuid,
    panel_id: Uuid,
    reference: &str,
    at: &str,
) -> CoreResult<()> {
    // The empty fields are placeholders overwritten in the same transaction;
    // the referral date needs a real date on PostgreSQL.
    db.execute(
        "INSERT INTO person_case (id, panel_id, reference, status, subject_name, name_key,
            referral_date, referral_route, referral_reason, consent, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'referred', '', '', ?5, '', '', '', ?4, ?4)",
        &[
            &id,
            &panel_id,
            &reference,
            &at,
            &at.get(..10).unwrap_or("1970-01-01"),
        ],
    )?;
    Ok(())
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// Writes every field the case form edits.
pub fn write_fields(db: &dyn Db, id: Uuid, c: &ValidCase, at: &str) -> CoreResult<()> {
    let name_key = crate::matching::normalise(&c.subject_name);
    let (aliases, concerns) = (json_list(&c.aliases), json_list(&c.concerns));
    let values: [&dyn ToValue; 25] = [
        &id,
        &c.subject_name,
        &name_key,
        &aliases,
        &c.date_of_birth,
        &c.approximate_age,
        &c.gender.map(Gender::as_str),
        &c.ethnicity.map(Ethnicity::as_str),
        &c.disability.map(YesNoUnknown::as_str),
        &c.lgbt.map(YesNoUnknown::as_str),
        &c.address,
        &c.postcode,
        &c.school,
        &c.referring_agency_id,
        &c.referring_officer,
        &c.referral_date,
        &c.referral_route.as_str(),
        &c.referral_reason,
        &concerns,
        &c.consent.as_str(),
        &c.lawful_ground,
        &c.children_count,
        &c.children_details,
        &c.lead_professional,
        &at,
    ];
    db.execute(
        "UPDATE person_case SET subject_name = ?2, name_key = ?3, aliases = ?4, date_of_birth = ?5,
            approximate_age = ?6, gender = ?7, ethnicity = ?8, disability = ?9, lgbt = ?10,
            address = ?11, postcode = ?12, school = ?13, referring_agency_id = ?14,
            referring_officer = ?15, referral_date = ?16, referral_route = ?17, referral_reason = ?18,
            concerns = ?19, consent = ?20, lawful_ground = ?21, children_count = ?22,
            children_details = ?23, lead_professional = ?24, updated_at = ?25
         WHERE id = ?1",
        &values,
    )?;
    save_linked_people(db, id, &c.linked_people)
}

/// Keeps the ids of people still listed, adds new ones, drops the rest.
fn save_linked_people(
    db: &dyn Db,
    case_id: Uuid,
    people: &[(Option<Uuid>, String, Relationship, bool)],
) -> CoreResult<()> {
    let mut kept = Vec::new();
    for (position, (person_id, name, relationship, keep_apart)) in people.iter().enumerate() {
        let fields: [&dyn ToValue; 5] = [
            &case_id,
            &position,
            name,
            &relationship.as_str(),
            keep_apart,
        ];
        let updated = match person_id {
            Some(pid) => db.execute(
                "UPDATE linked_person SET position = ?3, name = ?4, relationship = ?5, keep_apart = ?6
                 WHERE id = ?1 AND case_id = ?2",
                &[&[pid as &dyn ToValue], &fields[..]].concat(),
            )?,
            None => 0,
        };
        let pid = match (person_id, updated) {
            (Some(pid), 1) => *pid,
            _ => {
                let pid = Uuid::new_v4();
                db.execute(
                    "INSERT INTO linked_person (id, case_id, position, name, relationship, keep_apart)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    &[&[&pid as &dyn ToValue], &fields[..]].concat(),
                )?;
                pid
            }
        };
        kept.push(pid);
    }
    let existing: Vec<Uuid> = db.column(
        "SELECT id FROM linked_person WHERE case_id = ?1",
        &[&case_id],
    )?;
    for gone in existing.iter().filter(|e| !kept.contains(e)) {
        db.execute("DELETE FROM linked_person WHERE id = ?1", &[gone])?;
    }
    Ok(())
}

/// The panel a case belongs to, if the case exists.
pub fn panel_of(db: &dyn Db, id: Uuid) -> CoreResult<Option<Uuid>> {
    db.value("SELECT panel_id FROM person_case WHERE id = ?1", &[&id])
}

/// What a repeat check keys on: the name's key and the date of birth.
pub fn identity(db: &dyn Db, id: Uuid) -> CoreResult<Option<(String, Option<String>)>> {
    db.row(
        "SELECT name_key, date_of_birth FROM person_case WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub fn status_and_reference(db: &dyn Db, id: Uuid) -> CoreResult<Option<(String, String)>> {
    db.row(
        "SELECT status, reference FROM person_case WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub fn reference_of(db: &dyn Db, id: Uuid) -> CoreResult<Option<String>> {
    db.value("SELECT reference FROM person_case WHERE id = ?1", &[&id])
}

pub fn set_status(db: &dyn Db, id: Uuid, status: CaseStatus, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE person_case SET status = ?2, updated_at = ?3 WHERE id = ?1",
        &[&id, &status.as_str(), &at],
    )?;
    Ok(())
}

pub fn set_repeat_of(db: &dyn Db, id: Uuid, other: Uuid, at: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE person_case SET repeat_of = ?2, updated_at = ?3 WHERE id = ?1",
        &[&id, &other, &at],
    )?;
    Ok(())
}

/// Takes the case off every agenda of a meeting not yet held.
pub fn leave_planned_agendas(db: &dyn Db, id: Uuid) -> CoreResult<()> {
    db.execute(
        "DELETE FROM agenda_item WHERE case_id = ?1 AND meeting_id IN
           (SELECT id FROM meeting WHERE status = 'planned')",
        &[&id],
    )?;
    Ok(())
}

/// The date of a triage meeting, if it is one.
pub fn triage_meeting_date(db: &dyn Db, meeting: Uuid) -> CoreResult<Option<String>> {
    db.value(
        "SELECT date FROM meeting WHERE id = ?1 AND kind = 'triage'",
        &[&meeting],
    )
}

/// One case's stored fields, as the case page reads them.
pub struct CaseRow(Values);

impl CaseRow {
    pub fn get<T: crate::store::sql::FromValue>(&self, column: usize) -> CoreResult<T> {
        self.0.get(column)
    }
}

/// The case's fields in the order of `CaseRow` columns 0..=26: panel,
/// reference, status, name, aliases, date of birth, approximate age,
/// gender, ethnicity, disability, lgbt, address, postcode, school,
/// referring agency, officer, referral date, route, reason, concerns,
/// consent, lawful ground, children, their details, lead professional,
/// repeat of, the referring agency's name; added to `batch` (no row or
/// one).
pub fn load_in(batch: &mut Batch, id: Uuid) -> Rows<CaseRow> {
    batch.rows(
        "SELECT c.panel_id, c.reference, c.status, c.subject_name, c.aliases, c.date_of_birth,
                c.approximate_age, c.gender, c.ethnicity, c.disability, c.lgbt, c.address, c.postcode,
                c.school, c.referring_agency_id, c.referring_officer, c.referral_date, c.referral_route,
                c.referral_reason, c.concerns, c.consent, c.lawful_ground, c.children_count,
                c.children_details, c.lead_professional, c.repeat_of, a.name
         FROM person_case c LEFT JOIN agency a ON a.id = c.referring_agency_id
         WHERE c.id = ?1",
        &[&id],
        |r| Ok(CaseRow(r.clone())),
    )
}

/// What documents show of the subjects of cases `ids`: reference, name,
/// date of birth, lead professional, referral reason, concerns (JSON),
/// referral date, then the case's id. One statement for a plan's cases.
pub fn document_subjects(db: &dyn Db, ids: &[Uuid]) -> CoreResult<Vec<Values>> {
    super::query_in(
        db,
        "SELECT reference, subject_name, date_of_birth, lead_professional, referral_reason,
                concerns, referral_date, id
         FROM person_case WHERE id IN (MARKS)",
        ids,
    )
}

/// [`document_subjects`] for every case on a meeting's agenda.
pub fn document_subjects_at(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<Values>> {
    db.query(
        "SELECT reference, subject_name, date_of_birth, lead_professional, referral_reason,
                concerns, referral_date, id
         FROM person_case WHERE id IN (SELECT case_id FROM agenda_item WHERE meeting_id = ?1)",
        &[&meeting_id],
    )
}

/// The people linked to the case (id, name, relationship, keep apart),
/// added to `batch`.
pub fn linked_people_in(batch: &mut Batch, id: Uuid) -> Rows<(Uuid, String, String, bool)> {
    batch.rows(
        "SELECT id, name, relationship, keep_apart FROM linked_person WHERE case_id = ?1 ORDER BY position",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
}

/// The case's history in the order it happened.
pub fn history(db: &dyn Db, id: Uuid) -> CoreResult<Vec<CaseEvent>> {
    alone(db, |batch| history_in(batch, db, id))
}

/// [`history`]'s query, added to `batch`.
pub fn history_in(batch: &mut Batch, db: &dyn Db, id: Uuid) -> Rows<CaseEvent> {
    batch.rows(
        db.pick(
            "SELECT at, kind, detail, recorded_by FROM case_event WHERE case_id = ?1 ORDER BY at, rowid",
            // Events are never updated, so their physical order is the order written.
            "SELECT at, kind, detail, recorded_by FROM case_event WHERE case_id = ?1 ORDER BY at, ctid",
        ),
        &[&id],
        |r| {
            Ok(CaseEvent {
                at: r.get(0)?,
                kind: r.get(1)?,
                detail: r.get(2)?,
                recorded_by: r.get(3)?,
            })
        },
    )
}

/// Where the repeat window of case `c` (on panel `p`) opens: date
/// arithmetic is each engine's own.
pub fn repeat_window_start(dialect: Dialect) -> &'static str {
    dialect.pick(
        "date(c.referral_date, '-' || p.repeat_window_months || ' months')",
        "c.referral_date - make_interval(months => p.repeat_window_months::int)",
    )
}

/// What a case list shows of each case.
pub fn summary_columns(db: &dyn Db) -> String {
    let window_start = repeat_window_start(db.dialect());
    format!(
        "c.id, c.panel_id, c.reference, c.status, c.subject_name, c.date_of_birth, c.postcode,
        c.referral_date, c.children_count,
        c.repeat_of IS NOT NULL AND EXISTS (
            SELECT 1 FROM hearing h JOIN panel p ON p.id = c.panel_id
            WHERE h.case_id = c.repeat_of AND h.heard_on <= c.referral_date
              AND h.heard_on >= {window_start}),
        EXISTS (SELECT 1 FROM repeat_match m WHERE m.case_id = c.id AND m.same_person IS NULL)"
    )
}

pub fn summary_from(r: &Values) -> CoreResult<CaseSummary> {
    let status: String = r.get(3)?;
    Ok(CaseSummary {
        id: r.get(0)?,
        panel_id: r.get(1)?,
        reference: r.get(2)?,
        status: CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred),
        subject_name: r.get(4)?,
        date_of_birth: r.get(5)?,
        postcode: r.get(6)?,
        referral_date: r.get(7)?,
        children_count: r.get(8)?,
        is_repeat: r.get(9)?,
        possible_repeat: r.get(10)?,
    })
}

/// Cases narrowed by panel and status, newest referral first.
pub fn list(
    db: &dyn Db,
    panel: Option<Uuid>,
    status: Option<CaseStatus>,
    limit: usize,
) -> CoreResult<Vec<CaseSummary>> {
    let status = status.map(CaseStatus::as_str);
    let mut params: Vec<&dyn ToValue> = Vec::new();
    let narrow = format!(
        "TRUE{}{}",
        super::and_equal("c.panel_id", panel.as_ref(), &mut params),
        super::and_equal("c.status", status.as_ref(), &mut params)
    );
    params.push(&limit);
    db.rows(
        &format!(
            "SELECT {} FROM person_case c WHERE {narrow}
             ORDER BY c.referral_date DESC, c.created_at DESC LIMIT ?{}",
            summary_columns(db),
            params.len()
        ),
        &params,
        summary_from,
    )
}
