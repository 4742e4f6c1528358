//! The referral form's records on a case (issue 19): saved as typed from
//! the case's page, checked by [`ReferralDetails::validate`], read back
//! with the case. The statistics' children come from here ([`children_of`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::case::{CaseDetail, YesNoUnknown};
use crate::domain::referral::{
    ChildInput, ChildRelationship, LawfulGround, PerpetratorInput, PerpetratorRelationship,
    ReferralDetails,
};
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::sql::{Answers, Batch, Db, Values};
use crate::tables::InRows;
use crate::tables::referral as table;

use super::cases;

/// Saves the referral form's records and returns the case.
pub fn save(
    store: &mut impl Engine,
    case_id: Uuid,
    input: &ReferralDetails,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let valid = input.validate(today)?;
    let actor = store.actor().to_owned();
    store.write(|db| {
        if crate::tables::cases::panel_of(db, case_id)?.is_none() {
            return Err(CoreError::NotFound("That case"));
        }
        let perpetrators: Vec<(Uuid, &PerpetratorInput)> = valid
            .perpetrators
            .iter()
            .map(|p| (p.id.unwrap_or_else(Uuid::new_v4), p))
            .collect();
        let children: Vec<(Uuid, &ChildInput)> = valid
            .children
            .iter()
            .map(|c| (c.id.unwrap_or_else(Uuid::new_v4), c))
            .collect();
        for (table_name, ids) in [
            ("case_perpetrator", perpetrators.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
            ("case_child", children.iter().map(|(id, _)| *id).collect()),
        ] {
            for id in ids {
                if table::owner(db, table_name, id)?.is_some_and(|owner| owner != case_id) {
                    return Err(CoreError::Conflict(
                        "A row of this form belongs to another case. Reload the case and try again.".into(),
                    ));
                }
            }
        }
        table::save_details(db, case_id, &valid, (&actor, &now()))?;
        table::save_perpetrators(db, case_id, &perpetrators)?;
        table::save_children(db, case_id, &children)?;
        cases::get(db, case_id, today)
    })
}

fn ynu(value: Option<String>) -> Option<YesNoUnknown> {
    value.as_deref().and_then(YesNoUnknown::parse)
}

fn text(r: &Values, n: usize) -> CoreResult<String> {
    Ok(r.get::<Option<String>>(n)?.unwrap_or_default())
}

/// The referral forms of `case_ids` (a meeting's cases), in three
/// statements whatever their number, sent together; a case never filled in
/// is absent.
pub fn of_cases(db: &dyn Db, case_ids: &[Uuid]) -> CoreResult<HashMap<Uuid, ReferralDetails>> {
    let mut batch = Batch::new();
    let reads = ReferralReads::add(&mut batch, case_ids);
    reads.forms(&mut batch.run(db)?)
}

/// The three statements of [`of_cases`], offered to a batch (the case's
/// page sends them with the case's own rows: one wait on PostgreSQL).
pub(crate) struct ReferralReads {
    details: InRows,
    perpetrators: InRows,
    children: InRows,
}

impl ReferralReads {
    pub(crate) fn add(batch: &mut Batch, case_ids: &[Uuid]) -> Self {
        Self {
            details: table::details_in(batch, case_ids),
            perpetrators: table::perpetrators_in(batch, case_ids),
            children: table::children_in(batch, case_ids),
        }
    }

    /// The forms from the answers, by case.
    pub(crate) fn forms(self, answers: &mut Answers) -> CoreResult<HashMap<Uuid, ReferralDetails>> {
        let mut forms: HashMap<Uuid, ReferralDetails> = HashMap::new();
        for r in self.details.take(answers)? {
            let d = forms
                .entry(r.get(table::DETAILS_CASE)?)
                .or_insert_with(ReferralDetails::empty);
            d.safe_phone = r.get(0)?;
            d.safe_to_call = ynu(r.get(1)?);
            d.best_time_to_call = r.get(2)?;
            d.safe_to_leave_message = ynu(r.get(3)?);
            d.knows_of_referral = ynu(r.get(4)?);
            d.lawful_ground = r
                .get::<Option<String>>(5)?
                .as_deref()
                .and_then(LawfulGround::parse);
            d.consent_conditions = r.get(6)?;
            d.earlier_marac = ynu(r.get(7)?);
            d.earlier_marac_where = r.get(8)?;
            d.risk_to_professionals = r.get(9)?;
        }
        for (case, people) in perpetrators_from(self.perpetrators.take(answers)?)? {
            forms
                .entry(case)
                .or_insert_with(ReferralDetails::empty)
                .perpetrators = people;
        }
        for r in self.children.take(answers)? {
            let child = child_of(&r)?;
            forms
                .entry(r.get(table::CHILD_CASE)?)
                .or_insert_with(ReferralDetails::empty)
                .children
                .push(child);
        }
        Ok(forms)
    }

    /// The one case's form (empty if never filled in).
    pub(crate) fn form_of(
        self,
        answers: &mut Answers,
        case_id: Uuid,
    ) -> CoreResult<ReferralDetails> {
        Ok(self
            .forms(answers)?
            .remove(&case_id)
            .unwrap_or_else(ReferralDetails::empty))
    }
}

fn child_of(r: &Values) -> CoreResult<ChildInput> {
    let rel = |n: usize| -> CoreResult<Option<ChildRelationship>> {
        Ok(r.get::<Option<String>>(n)?
            .as_deref()
            .and_then(ChildRelationship::parse))
    };
    Ok(ChildInput {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        date_of_birth: text(r, 2)?,
        due_date: text(r, 3)?,
        relationship_to_person: rel(4)?,
        relationship_to_perpetrator: rel(5)?,
        lives_with: r.get(6)?,
        school: r.get(7)?,
    })
}

/// The perpetrators' rows ([`table::perpetrators`]) by case.
pub(crate) fn perpetrators_from(
    rows: Vec<Values>,
) -> CoreResult<HashMap<Uuid, Vec<PerpetratorInput>>> {
    let mut out: HashMap<Uuid, Vec<PerpetratorInput>> = HashMap::new();
    for r in rows {
        let aliases: String = r.get(2)?;
        out.entry(r.get(table::PERPETRATOR_CASE)?)
            .or_default()
            .push(PerpetratorInput {
                id: Some(r.get(0)?),
                name: r.get(1)?,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                date_of_birth: text(&r, 3)?,
                relationship: r
                    .get::<Option<String>>(4)?
                    .as_deref()
                    .and_then(PerpetratorRelationship::parse),
            });
    }
    Ok(out)
}

/// What the minutes say of the referral's records: the perpetrators by name
/// and relationship, and how many children (unborn apart). Nothing else
/// (no contact details, no conditions) leaves in a document.
pub(crate) fn minutes_lines(d: &ReferralDetails) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    if !d.perpetrators.is_empty() {
        let names: Vec<String> = d
            .perpetrators
            .iter()
            .map(|p| match p.relationship {
                Some(r) => format!("{} ({})", p.name, r.label()),
                None => p.name.clone(),
            })
            .collect();
        lines.push(("Perpetrator".to_string(), names.join("; ")));
    }
    let unborn = d.children.iter().filter(|c| !c.due_date.is_empty()).count();
    let born = d.children.len() - unborn;
    if !d.children.is_empty() {
        let mut words = format!("{born} in the household");
        if unborn > 0 {
            words.push_str(&format!(", and {unborn} unborn"));
        }
        lines.push(("Children".to_string(), words));
    }
    lines
}
