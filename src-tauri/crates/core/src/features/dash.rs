//! Recording a Dash checklist on a case (issue 19) and the rule between its
//! score and the referral's route. A score of 14 or more sets the route to
//! "visible high risk"; the route cannot claim visible high risk while
//! every checklist on record scores under 14 (professional judgement is
//! the route then, with the concerns written down). A lower re-assessment
//! never lowers the route: the case was referred at the higher score.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::case::{CaseDetail, ReferralRoute};
use crate::domain::dash::{
    DashAnswer, DashAssessment, DashInput, DashVersion, VISIBLE_HIGH_RISK, ValidDash,
};
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::{now, ymd};
use crate::store::sql::{Db, Values};
use crate::tables::dash as table;

use super::cases;

/// Records a completed checklist (the first, or a re-assessment) and
/// returns the case as its page shows it.
pub fn record(
    store: &mut impl Engine,
    case_id: Uuid,
    input: &DashInput,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let valid = input.validate(today)?;
    let actor = store.actor().to_owned();
    store.write(|db| {
        let case = cases::get(db, case_id, today)?;
        let earlier = table::of_case(db, case_id)?.len();
        insert(db, case_id, &valid, &actor)?;
        let score = valid.score();
        let mut detail = format!(
            "{} completed on {} by {}: {score} of {}{}.",
            if earlier == 0 {
                "Dash checklist"
            } else {
                "Dash re-assessment"
            },
            valid.completed_on.format("%-d %B %Y"),
            valid.completed_by,
            valid.answers.len(),
            if score >= VISIBLE_HIGH_RISK {
                ", visible high risk"
            } else {
                ""
            },
        );
        if score >= VISIBLE_HIGH_RISK && case.input.referral_route != Some(ReferralRoute::RiskScore)
        {
            table::set_route(db, case_id, ReferralRoute::RiskScore.as_str(), &now())?;
            detail.push_str(" Referral route set to visible high risk.");
        }
        table::delete_draft(db, case_id)?;
        cases::record_event(db, case_id, "dash", &detail, &actor)?;
        cases::get(db, case_id, today)
    })
}

/// Keeps the checklist being filled in, as typed, with each answer.
pub fn save_draft(store: &mut impl Engine, case_id: Uuid, input: &DashInput) -> CoreResult<()> {
    input.check_draft()?;
    let answers = serde_json::to_string(&input.answers)
        .map_err(|e| CoreError::Storage(format!("Dash answers could not be written: {e}")))?;
    let actor = store.actor().to_owned();
    store.write(|db| {
        if crate::tables::cases::panel_of(db, case_id)?.is_none() {
            return Err(CoreError::NotFound("That case"));
        }
        let typed = (
            input.version.as_str(),
            input.completed_on.as_str(),
            input.completed_by.as_str(),
            answers.as_str(),
        );
        table::save_draft(db, case_id, typed, (&actor, &now()))
    })
}

/// Drops the checklist being filled in.
pub fn discard_draft(
    store: &mut impl Engine,
    case_id: Uuid,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    store.write(|db| {
        table::delete_draft(db, case_id)?;
        cases::get(db, case_id, today)
    })
}

/// The checklist being filled in on the case, if any.
pub fn draft(db: &dyn Db, case_id: Uuid) -> CoreResult<Option<DashInput>> {
    draft_of(table::draft(db, case_id)?.as_ref())
}

/// The draft from its row, if any ([`table::draft_in`]).
pub(crate) fn draft_of(row: Option<&Values>) -> CoreResult<Option<DashInput>> {
    let Some(r) = row else {
        return Ok(None);
    };
    let (version, completed_on, completed_by, answers): (String, String, String, String) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
    Ok(Some(DashInput {
        version: DashVersion::parse(&version).unwrap_or(DashVersion::Adult),
        completed_on,
        completed_by,
        answers: serde_json::from_str(&answers).unwrap_or_default(),
    }))
}

/// A score that came in a referral list, without the answers behind it:
/// kept as the list gave it, beside any checklist recorded later.
pub(crate) fn record_imported(
    db: &dyn Db,
    case_id: Uuid,
    (score, completed_on, completed_by): (u32, String, &str),
    actor: &str,
) -> CoreResult<()> {
    table::insert(
        db,
        &table::NewAssessment {
            id: Uuid::new_v4(),
            case_id,
            version: DashVersion::Adult.as_str(),
            completed_on: &completed_on,
            completed_by,
            answers_json: "[]",
            score,
        },
        (actor, &now()),
    )
}

fn insert(db: &dyn Db, case_id: Uuid, valid: &ValidDash, actor: &str) -> CoreResult<()> {
    let answers_json = serde_json::to_string(&valid.answers)
        .map_err(|e| CoreError::Storage(format!("Dash answers could not be written: {e}")))?;
    table::insert(
        db,
        &table::NewAssessment {
            id: Uuid::new_v4(),
            case_id,
            version: valid.version.as_str(),
            completed_on: &ymd(valid.completed_on),
            completed_by: &valid.completed_by,
            answers_json: &answers_json,
            score: valid.score(),
        },
        (actor, &now()),
    )
}

/// The case's checklists, oldest first.
pub fn of_case(db: &dyn Db, case_id: Uuid) -> CoreResult<Vec<DashAssessment>> {
    assessments_of(&table::of_case(db, case_id)?)
}

/// The checklists from their rows ([`table::of_case_in`]).
pub(crate) fn assessments_of(rows: &[Values]) -> CoreResult<Vec<DashAssessment>> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let version: String = r.get(1)?;
            let answers: String = r.get(4)?;
            let answers: Vec<DashAnswer> = serde_json::from_str(&answers).map_err(|e| {
                CoreError::Storage(format!("a stored Dash checklist could not be read: {e}"))
            })?;
            let score: u32 = r.get(5)?;
            let version = DashVersion::parse(&version).unwrap_or(DashVersion::Adult);
            Ok(DashAssessment {
                id: r.get(0)?,
                version,
                questions: u32::try_from(version.questions().len()).unwrap_or(24),
                from_list: answers.is_empty(),
                completed_on: r.get(2)?,
                completed_by: r.get(3)?,
                answers,
                score,
                visible_high_risk: score >= VISIBLE_HIGH_RISK,
                reassessment: i > 0,
                recorded_by: r.get(6)?,
            })
        })
        .collect()
}

/// The route may say "visible high risk" only if the case has no checklist
/// yet (the score may come on paper or later) or one scoring 14 or more.
pub(crate) fn check_route(db: &dyn Db, case_id: Uuid, route: ReferralRoute) -> CoreResult<()> {
    if route != ReferralRoute::RiskScore {
        return Ok(());
    }
    match table::highest_score(db, case_id)? {
        Some(best) if best < VISIBLE_HIGH_RISK => Err(CoreError::field(
            "referral_route",
            format!(
                "The Dash checklist scored {best}: visible high risk needs {VISIBLE_HIGH_RISK} or more. Choose professional judgement and write down the concerns."
            ),
        )),
        _ => Ok(()),
    }
}
