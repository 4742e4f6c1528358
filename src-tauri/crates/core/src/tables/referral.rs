//! The referral form's records' SQL (migration 23): one row of details per
//! case, and the perpetrators and children as rows of their own, in the
//! order typed. Saving keeps each row's id (the audit log follows a row
//! through its edits), updates what is kept, adds what is new and removes
//! what was taken off the form. Runs on both engines.

use uuid::Uuid;

use crate::domain::referral::{ChildInput, PerpetratorInput, ReferralDetails};
use crate::error::CoreResult;
use crate::store::sql::{Batch, Db};

use super::InRows;

fn code<T: Copy>(value: Option<T>, as_str: fn(T) -> &'static str) -> Option<&'static str> {
    value.map(as_str)
}

fn blank_as_null(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// Saves the one-row details.
pub fn save_details(
    db: &dyn Db,
    case_id: Uuid,
    d: &ReferralDetails,
    by: (&str, &str),
) -> CoreResult<()> {
    use crate::domain::case::YesNoUnknown as Ynu;
    use crate::domain::referral::LawfulGround;
    db.execute(
        "INSERT INTO referral_detail (case_id, safe_phone, safe_to_call, best_time_to_call,
            safe_to_leave_message, knows_of_referral, lawful_ground, consent_conditions,
            earlier_marac, earlier_marac_where, risk_to_professionals, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (case_id) DO UPDATE SET safe_phone = excluded.safe_phone,
            safe_to_call = excluded.safe_to_call, best_time_to_call = excluded.best_time_to_call,
            safe_to_leave_message = excluded.safe_to_leave_message,
            knows_of_referral = excluded.knows_of_referral, lawful_ground = excluded.lawful_ground,
            consent_conditions = excluded.consent_conditions, earlier_marac = excluded.earlier_marac,
            earlier_marac_where = excluded.earlier_marac_where,
            risk_to_professionals = excluded.risk_to_professionals,
            updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        &[
            &case_id,
            &d.safe_phone,
            &code(d.safe_to_call, Ynu::as_str),
            &d.best_time_to_call,
            &code(d.safe_to_leave_message, Ynu::as_str),
            &code(d.knows_of_referral, Ynu::as_str),
            &code(d.lawful_ground, LawfulGround::as_str),
            &d.consent_conditions,
            &code(d.earlier_marac, Ynu::as_str),
            &d.earlier_marac_where,
            &d.risk_to_professionals,
            &by.1,
            &by.0,
        ],
    )?;
    Ok(())
}

/// The details rows of `case_ids`: safe phone, safe to call, best time,
/// safe for a message, knows of referral, lawful ground, conditions,
/// earlier MARAC, where, risk to professionals; then the case
/// ([`DETAILS_CASE`]).
pub(crate) fn details_in(batch: &mut Batch, case_ids: &[Uuid]) -> InRows {
    super::query_in_batch(
        batch,
        "SELECT safe_phone, safe_to_call, best_time_to_call, safe_to_leave_message,
                knows_of_referral, lawful_ground, consent_conditions, earlier_marac,
                earlier_marac_where, risk_to_professionals, case_id
         FROM referral_detail WHERE case_id IN (MARKS)",
        case_ids,
    )
}

/// The case's column in [`details_in`].
pub const DETAILS_CASE: usize = 10;

/// Removes the rows of `table` under the case whose ids are not `kept`.
fn remove_others(db: &dyn Db, table: &str, case_id: Uuid, kept: &[Uuid]) -> CoreResult<()> {
    let existing: Vec<Uuid> = db.rows(
        &format!("SELECT id FROM {table} WHERE case_id = ?1"),
        &[&case_id],
        |r| r.get(0),
    )?;
    for id in existing.into_iter().filter(|id| !kept.contains(id)) {
        db.execute(&format!("DELETE FROM {table} WHERE id = ?1"), &[&id])?;
    }
    Ok(())
}

/// Saves the perpetrators (each with its id set), in order.
pub fn save_perpetrators(
    db: &dyn Db,
    case_id: Uuid,
    people: &[(Uuid, &PerpetratorInput)],
) -> CoreResult<()> {
    let kept: Vec<Uuid> = people.iter().map(|(id, _)| *id).collect();
    remove_others(db, "case_perpetrator", case_id, &kept)?;
    for (position, (id, p)) in people.iter().enumerate() {
        let aliases = serde_json::to_string(&p.aliases).unwrap_or_else(|_| "[]".into());
        db.execute(
            "INSERT INTO case_perpetrator (id, case_id, position, name, aliases, date_of_birth, relationship,
                name_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name,
                aliases = excluded.aliases, date_of_birth = excluded.date_of_birth,
                relationship = excluded.relationship, name_key = excluded.name_key",
            &[
                id,
                &case_id,
                &(position as i64),
                &p.name,
                &aliases,
                &blank_as_null(&p.date_of_birth),
                &p.relationship.map(|r| r.as_str()),
                &crate::matching::normalise(&p.name),
            ],
        )?;
    }
    Ok(())
}

/// Saves the children (each with its id set), in order.
pub fn save_children(
    db: &dyn Db,
    case_id: Uuid,
    children: &[(Uuid, &ChildInput)],
) -> CoreResult<()> {
    let kept: Vec<Uuid> = children.iter().map(|(id, _)| *id).collect();
    remove_others(db, "case_child", case_id, &kept)?;
    for (position, (id, c)) in children.iter().enumerate() {
        db.execute(
            "INSERT INTO case_child (id, case_id, position, name, date_of_birth, due_date,
                relationship_to_person, relationship_to_perpetrator, lives_with, school)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name,
                date_of_birth = excluded.date_of_birth, due_date = excluded.due_date,
                relationship_to_person = excluded.relationship_to_person,
                relationship_to_perpetrator = excluded.relationship_to_perpetrator,
                lives_with = excluded.lives_with, school = excluded.school",
            &[
                id,
                &case_id,
                &(position as i64),
                &c.name,
                &blank_as_null(&c.date_of_birth),
                &blank_as_null(&c.due_date),
                &c.relationship_to_person.map(|r| r.as_str()),
                &c.relationship_to_perpetrator.map(|r| r.as_str()),
                &c.lives_with,
                &c.school,
            ],
        )?;
    }
    Ok(())
}

/// The perpetrators of `case_ids`, each case's in order: id, name, aliases
/// (JSON), date of birth, relationship; then the case ([`PERPETRATOR_CASE`]),
/// offered to a batch.
pub(crate) fn perpetrators_in(batch: &mut Batch, case_ids: &[Uuid]) -> InRows {
    super::query_in_batch(batch, PERPETRATORS, case_ids)
}

const PERPETRATORS: &str =
    "SELECT id, name, aliases, date_of_birth, relationship, case_id FROM case_perpetrator
     WHERE case_id IN (MARKS) ORDER BY case_id, position";

/// The case's column in [`perpetrators`].
pub const PERPETRATOR_CASE: usize = 5;

/// The children of `case_ids`, each case's in order: id, name, date of
/// birth, due date, relationship to the person, to the perpetrator, lives
/// with, school; then the case ([`CHILD_CASE`]).
pub(crate) fn children_in(batch: &mut Batch, case_ids: &[Uuid]) -> InRows {
    super::query_in_batch(
        batch,
        "SELECT id, name, date_of_birth, due_date, relationship_to_person,
                relationship_to_perpetrator, lives_with, school, case_id
         FROM case_child WHERE case_id IN (MARKS) ORDER BY case_id, position",
        case_ids,
    )
}

/// The case's column in [`children_in`].
pub const CHILD_CASE: usize = 8;

/// The case a perpetrator's or child's row belongs to, if the id is known.
pub fn owner(db: &dyn Db, table: &str, id: Uuid) -> CoreResult<Option<Uuid>> {
    db.value(
        &format!("SELECT case_id FROM {table} WHERE id = ?1"),
        &[&id],
    )
}
