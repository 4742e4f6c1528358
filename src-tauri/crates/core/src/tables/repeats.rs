//! Repeat referrals' SQL: the people a panel already knows (for the
//! matching index), the offers made to the coordinator (`repeat_match`)
//! and what is shown of an earlier case. Runs on both engines.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Batch, Db, Rows, ToValue};

/// Who a case is about: name, aliases (JSON), date of birth, referral date.
pub type Identity = (String, String, Option<NaiveDate>, String);

/// Every case of the panel: id, reference and who it is about.
pub fn identities(db: &dyn Db, panel: Uuid) -> CoreResult<Vec<(Uuid, String, Identity)>> {
    db.rows(
        "SELECT id, reference, subject_name, aliases, date_of_birth, referral_date
         FROM person_case WHERE panel_id = ?1",
        &[&panel],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
            ))
        },
    )
}

/// Who one case is about.
pub fn identity(db: &dyn Db, case: Uuid) -> CoreResult<Option<Identity>> {
    db.row(
        "SELECT subject_name, aliases, date_of_birth, referral_date FROM person_case WHERE id = ?1",
        &[&case],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
}

/// One offer: a case, maybe the same person as another (`other`), how
/// strongly, and why.
pub struct Offer {
    pub case: Uuid,
    pub other: Uuid,
    pub strength: &'static str,
    pub reason: String,
}

/// Makes each offer not already made, in a few statements however many
/// (an import offers hundreds); returns how many were made now.
pub fn offer_all(db: &dyn Db, offers: &[Offer]) -> CoreResult<usize> {
    let params: Vec<&dyn ToValue> = offers
        .iter()
        .flat_map(|o| [&o.case as &dyn ToValue, &o.other, &o.strength, &o.reason])
        .collect();
    super::insert_rows_counted(
        db,
        "INSERT INTO repeat_match (case_id, other_case_id, strength, reason) VALUES",
        " ON CONFLICT DO NOTHING",
        4,
        &params,
    )
}

/// Drops the offers not yet decided.
pub fn forget_undecided(db: &dyn Db, case: Uuid) -> CoreResult<()> {
    db.execute(
        "DELETE FROM repeat_match WHERE case_id = ?1 AND same_person IS NULL",
        &[&case],
    )?;
    Ok(())
}

/// Records the answer to one offer; false if there was no such offer.
pub fn decide(
    db: &dyn Db,
    case: Uuid,
    other: Uuid,
    same_person: bool,
    at: &str,
    actor: &str,
) -> CoreResult<bool> {
    let changed = db.execute(
        "UPDATE repeat_match SET same_person = ?3, decided_at = ?4, decided_by = ?5
         WHERE case_id = ?1 AND other_case_id = ?2",
        &[&case, &other, &same_person, &at, &actor],
    )?;
    Ok(changed > 0)
}

/// Answers every offer still open "not the same person".
pub fn settle_others(db: &dyn Db, case: Uuid, at: &str, actor: &str) -> CoreResult<()> {
    db.execute(
        "UPDATE repeat_match SET same_person = ?2, decided_at = ?3, decided_by = ?4
         WHERE case_id = ?1 AND same_person IS NULL",
        &[&case, &false, &at, &actor],
    )?;
    Ok(())
}

/// The earlier case as an offer shows it.
pub struct EarlierCase {
    pub reference: String,
    pub subject_name: String,
    pub date_of_birth: Option<String>,
    /// When it was last heard before this referral.
    pub last_heard_on: Option<String>,
    /// Whether that was within the panel's repeat window.
    pub within_window: bool,
    /// This case's referral date and the earlier one's (YYYY-MM-DD).
    pub referred_on: (String, String),
}

/// The earlier case `other` as case `case`'s offer shows it, added to
/// `batch` (a case's offers are read together: one wait on PostgreSQL).
pub fn earlier_case_in(
    batch: &mut Batch,
    db: &dyn Db,
    case: Uuid,
    other: Uuid,
) -> Rows<EarlierCase> {
    let window_start = db.pick(
        "date(c.referral_date, '-' || p.repeat_window_months || ' months')",
        "c.referral_date - make_interval(months => p.repeat_window_months::int)",
    );
    batch.rows(
        format!(
            "SELECT o.reference, o.subject_name, o.date_of_birth,
                    (SELECT max(h.heard_on) FROM hearing h WHERE h.case_id = o.id AND h.heard_on <= c.referral_date),
                    EXISTS (SELECT 1 FROM hearing h WHERE h.case_id = o.id AND h.heard_on <= c.referral_date
                            AND h.heard_on >= {window_start}),
                    c.referral_date, o.referral_date
             FROM person_case o, person_case c JOIN panel p ON p.id = c.panel_id
             WHERE o.id = ?1 AND c.id = ?2"
        ),
        &[&other, &case],
        |r| {
            Ok(EarlierCase {
                reference: r.get(0)?,
                subject_name: r.get(1)?,
                date_of_birth: r.get(2)?,
                last_heard_on: r.get(3)?,
                within_window: r.get(4)?,
                referred_on: (r.get(5)?, r.get(6)?),
            })
        },
    )
}

/// Offers still waiting for a decision (other case, strength, reason),
/// added to `batch`.
pub fn pending_in(batch: &mut Batch, case: Uuid) -> Rows<(Uuid, String, String)> {
    batch.rows(
        "SELECT other_case_id, strength, reason FROM repeat_match WHERE case_id = ?1 AND same_person IS NULL
         ORDER BY strength DESC",
        &[&case],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// The strength and reason of one offer, if it was made, added to `batch`.
pub fn offer_of_in(batch: &mut Batch, case: Uuid, other: Uuid) -> Rows<(String, String)> {
    batch.rows(
        "SELECT strength, reason FROM repeat_match WHERE case_id = ?1 AND other_case_id = ?2",
        &[&case, &other],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
