//! Many new cases at once, for an import: each table written with
//! multi-row INSERTs of a few hundred rows, not a statement per field per
//! case. On PostgreSQL each statement is a round trip, so a 10,000-row
//! import is some hundreds of statements instead of about a hundred
//! thousand. The rows and the search entries are the same as one case at a
//! time would write; the audit log has one "create" entry per row (the form
//! writes a blank row and then its fields, so a typed case also has an
//! "update" entry).

use uuid::Uuid;

use crate::domain::case::{Ethnicity, Gender, ValidCase, YesNoUnknown};
use crate::error::CoreResult;
use crate::store::sql::{Db, Dialect, ToValue};

use super::{insert_rows as run, search};

/// One new case: its id, its reference, its validated fields, and the
/// detail of its first history event.
pub struct NewCase<'a> {
    pub id: Uuid,
    pub reference: String,
    pub valid: &'a ValidCase,
    pub event_detail: String,
}

const REFERRED: &str = "referred";

/// The references among `references` already given to a case.
pub fn taken(db: &dyn Db, references: &[String]) -> CoreResult<Vec<String>> {
    let mut out = Vec::new();
    for chunk in references.chunks(super::IN_LIST) {
        let values: Vec<&dyn ToValue> = chunk.iter().map(|r| r as &dyn ToValue).collect();
        let (marks, params) = super::in_list(&values);
        out.extend(db.column::<String>(
            &format!("SELECT reference FROM person_case WHERE reference IN ({marks})"),
            &params,
        )?);
    }
    Ok(out)
}

/// Owned values a case row needs beyond its fields.
struct Derived {
    name_key: String,
    aliases: String,
    concerns: String,
}

fn derive(c: &NewCase<'_>) -> Derived {
    Derived {
        name_key: crate::matching::normalise(&c.valid.subject_name),
        aliases: serde_json::to_string(&c.valid.aliases).unwrap_or_else(|_| "[]".into()),
        concerns: serde_json::to_string(&c.valid.concerns).unwrap_or_else(|_| "[]".into()),
    }
}

/// Enums by their stored names (the route and consent are never empty).
fn stored_names(c: &NewCase<'_>) -> [Option<&'static str>; 6] {
    let v = c.valid;
    [
        v.gender.map(Gender::as_str),
        v.ethnicity.map(Ethnicity::as_str),
        v.disability.map(YesNoUnknown::as_str),
        v.lgbt.map(YesNoUnknown::as_str),
        Some(v.referral_route.as_str()),
        Some(v.consent.as_str()),
    ]
}

/// Writes the cases, their linked people, their search entries and one
/// history event each (of `event_kind`), in the caller's transaction.
pub fn insert(
    db: &dyn Db,
    panel_id: Uuid,
    cases: &[NewCase<'_>],
    event_kind: &str,
    actor: &str,
    at: &str,
) -> CoreResult<()> {
    let derived: Vec<Derived> = cases.iter().map(derive).collect();
    let names: Vec<[Option<&'static str>; 6]> = cases.iter().map(stored_names).collect();
    let mut params: Vec<&dyn ToValue> = Vec::with_capacity(cases.len() * 29);
    for (i, c) in cases.iter().enumerate() {
        let (v, d) = (c.valid, &derived[i]);
        params.extend([
            &c.id as &dyn ToValue,
            &panel_id,
            &c.reference,
            &REFERRED,
            &v.subject_name,
            &d.name_key,
            &d.aliases,
            &v.date_of_birth,
            &v.approximate_age,
            &names[i][0],
            &names[i][1],
            &names[i][2],
            &names[i][3],
            &v.address,
            &v.postcode,
            &v.school,
            &v.referring_agency_id,
            &v.referring_officer,
            &v.referral_date,
            &names[i][4],
            &v.referral_reason,
            &d.concerns,
            &names[i][5],
            &v.lawful_ground,
            &v.children_count,
            &v.children_details,
            &v.lead_professional,
            &at,
            &at,
        ]);
    }
    run(
        db,
        "INSERT INTO person_case (id, panel_id, reference, status, subject_name, name_key, aliases,
            date_of_birth, approximate_age, gender, ethnicity, disability, lgbt, address, postcode,
            school, referring_agency_id, referring_officer, referral_date, referral_route,
            referral_reason, concerns, consent, lawful_ground, children_count, children_details,
            lead_professional, created_at, updated_at) VALUES",
        "",
        29,
        &params,
    )?;
    linked_people(db, cases)?;
    events(db, cases, event_kind, actor, at)?;
    search_entries(db, cases)
}

fn linked_people(db: &dyn Db, cases: &[NewCase<'_>]) -> CoreResult<()> {
    let rows: Vec<(Uuid, &Uuid, usize, &String, &'static str, &bool)> = cases
        .iter()
        .flat_map(|c| {
            c.valid.linked_people.iter().enumerate().map(
                move |(position, (_, name, relationship, keep_apart))| {
                    (
                        Uuid::new_v4(),
                        &c.id,
                        position,
                        name,
                        relationship.as_str(),
                        keep_apart,
                    )
                },
            )
        })
        .collect();
    let mut params: Vec<&dyn ToValue> = Vec::with_capacity(rows.len() * 6);
    for (id, case, position, name, relationship, keep_apart) in &rows {
        params.extend([
            id as &dyn ToValue,
            *case,
            position,
            *name,
            relationship,
            *keep_apart,
        ]);
    }
    run(
        db,
        "INSERT INTO linked_person (id, case_id, position, name, relationship, keep_apart) VALUES",
        "",
        6,
        &params,
    )
}

fn events(db: &dyn Db, cases: &[NewCase<'_>], kind: &str, actor: &str, at: &str) -> CoreResult<()> {
    let ids: Vec<Uuid> = cases.iter().map(|_| Uuid::new_v4()).collect();
    let mut params: Vec<&dyn ToValue> = Vec::with_capacity(cases.len() * 6);
    for (c, id) in cases.iter().zip(&ids) {
        params.extend([
            id as &dyn ToValue,
            &c.id,
            &at,
            &kind,
            &c.event_detail,
            &actor,
        ]);
    }
    run(
        db,
        "INSERT INTO case_event (id, case_id, at, kind, detail, recorded_by) VALUES",
        "",
        6,
        &params,
    )
}

fn search_entries(db: &dyn Db, cases: &[NewCase<'_>]) -> CoreResult<()> {
    let entries: Vec<(&Uuid, search::Entry)> = cases
        .iter()
        .map(|c| {
            let v = c.valid;
            let dob = v.date_of_birth.map(crate::store::codec::ymd);
            (
                &c.id,
                search::entry_of(
                    &v.subject_name,
                    v.aliases.clone(),
                    dob,
                    v.postcode.clone(),
                    c.reference.clone(),
                    db.dialect(),
                ),
            )
        })
        .collect();
    let mut params: Vec<&dyn ToValue> = Vec::with_capacity(entries.len() * 5);
    for (id, e) in &entries {
        params.extend([
            *id as &dyn ToValue,
            &e.names,
            &e.date_of_birth,
            &e.postcode,
            &e.reference,
        ]);
    }
    match db.dialect() {
        // FTS5 rows are keyed by the case's rowid.
        Dialect::Sqlite => run(
            db,
            "INSERT INTO case_search (rowid, names, date_of_birth, postcode, reference)
             SELECT p.rowid, v.column2, v.column3, v.column4, v.column5
             FROM (VALUES",
            ") AS v JOIN person_case p ON p.id = v.column1",
            5,
            &params,
        ),
        Dialect::Postgres => run(
            db,
            "INSERT INTO case_search (case_id, names, date_of_birth, postcode, reference) VALUES",
            "",
            5,
            &params,
        ),
    }
}
