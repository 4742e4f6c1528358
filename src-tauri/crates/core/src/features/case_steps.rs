//! The steps in a case's life the coordinator takes: accept, redirect,
//! defer, close (one case, or several at a triage meeting), and the answer
//! to an offered repeat. Which step is allowed from which status is decided
//! here, once, for every caller.

use chrono::NaiveDate;
use uuid::Uuid;

use super::cases::{get, record_event};
use crate::domain::case::{CaseDetail, CaseStatus, CaseStep};
use crate::error::{CoreError, CoreResult};
use crate::features::repeats;
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::codec::ymd;
use crate::store::sql::Db;
use crate::tables::cases as table;

/// A step in a case's life that the coordinator takes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CaseAction {
    /// Accept onto the panel's next agenda.
    Accept,
    /// Send to another service instead of the panel.
    Redirect {
        service: String,
        reason: String,
    },
    /// Hold back to a later meeting.
    Defer {
        reason: String,
    },
    Close {
        reason: String,
    },
}

impl CaseAction {
    /// The step this action takes.
    pub fn step(&self) -> CaseStep {
        match self {
            CaseAction::Accept => CaseStep::Accept,
            CaseAction::Redirect { .. } => CaseStep::Redirect,
            CaseAction::Defer { .. } => CaseStep::Defer,
            CaseAction::Close { .. } => CaseStep::Close,
        }
    }
}

fn status_words(status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::Referred => "referred",
        CaseStatus::Accepted => "accepted onto an agenda",
        CaseStatus::Redirected => "redirected",
        CaseStatus::Deferred => "deferred",
        CaseStatus::Heard => "heard",
        CaseStatus::UnderReview => "under review",
        CaseStatus::Closed => "closed",
    }
}

/// Applies `action` inside an open transaction (for bulk triage).
pub fn apply_action(
    tx: &dyn Db,
    id: Uuid,
    action: &CaseAction,
    context: &str,
    actor: &str,
    today: NaiveDate,
) -> CoreResult<()> {
    let (status, reference) =
        table::status_and_reference(tx, id)?.ok_or(CoreError::NotFound("That case"))?;
    let status = CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred);
    if !status.allows(action.step()) {
        return Err(CoreError::Conflict(format!(
            "Case {reference} is {} and cannot be {} now.",
            status_words(status),
            match action {
                CaseAction::Accept => "accepted",
                CaseAction::Redirect { .. } => "redirected",
                CaseAction::Defer { .. } => "deferred",
                CaseAction::Close { .. } => "closed",
            }
        )));
    }
    let mut v = crate::validate::Validator::new();
    let (new_status, kind, detail) = match action {
        CaseAction::Accept => (
            CaseStatus::Accepted,
            "accepted",
            "Accepted onto the panel's next agenda.".to_owned(),
        ),
        CaseAction::Redirect { service, reason } => {
            let service = v.required("service", "the service it goes to", service, 200);
            let reason = v.required_multiline("reason", "the reason", reason, 2_000);
            (
                CaseStatus::Redirected,
                "redirected",
                format!("Redirected to {service}: {reason}"),
            )
        }
        CaseAction::Defer { reason } => {
            let reason = v.required_multiline("reason", "the reason", reason, 2_000);
            (
                CaseStatus::Deferred,
                "deferred",
                format!("Deferred: {reason}"),
            )
        }
        CaseAction::Close { reason } => {
            let reason = v.required_multiline("reason", "the reason for closing", reason, 2_000);
            (CaseStatus::Closed, "closed", format!("Closed: {reason}"))
        }
    };
    v.finish()?;
    table::set_status(tx, id, new_status, &now())?;
    let detail = if context.is_empty() {
        detail
    } else {
        format!("{detail} ({context})")
    };
    record_event(tx, id, kind, &detail, actor)?;
    if new_status == CaseStatus::Accepted {
        crate::features::agenda::add_to_next_meeting(tx, id, &ymd(today))?;
    } else {
        // A case leaving the queue leaves any agenda not yet held.
        table::leave_planned_agendas(tx, id)?;
    }
    Ok(())
}

pub fn transition(
    store: &mut impl Engine,
    id: Uuid,
    action: &CaseAction,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        apply_action(tx, id, action, "", &actor, today)?;
        get(tx, id, today)
    })
}

/// The coordinator's answer to an offered repeat match.
pub fn decide_repeat(
    store: &mut impl Engine,
    case_id: Uuid,
    other_case_id: Uuid,
    same_person: bool,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let other_ref = table::reference_of(tx, other_case_id)?
            .ok_or(CoreError::NotFound("The earlier case"))?;
        if !repeats::decide(tx, case_id, other_case_id, same_person, &actor)? {
            return Err(CoreError::NotFound("That possible repeat"));
        }
        if same_person {
            table::set_repeat_of(tx, case_id, other_case_id, &now())?;
            // One person, one earlier case: the other offers are settled too.
            repeats::settle_others(tx, case_id, &actor)?;
            record_event(
                tx,
                case_id,
                "repeat_confirmed",
                &format!("Confirmed as the same person as case {other_ref}."),
                &actor,
            )?;
        } else {
            record_event(
                tx,
                case_id,
                "repeat_rejected",
                &format!("Not the same person as case {other_ref}."),
                &actor,
            )?;
        }
        get(tx, case_id, today)
    })
}

/// Accepts, redirects or defers several referrals at once (a triage
/// meeting's work): all of them change, or none.
pub fn triage(
    store: &mut impl Engine,
    case_ids: &[Uuid],
    action: &CaseAction,
    triage_meeting: Option<Uuid>,
    today: NaiveDate,
) -> CoreResult<usize> {
    if case_ids.is_empty() {
        return Err(CoreError::field(
            "case_ids",
            "Select at least one referral.",
        ));
    }
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let context = match triage_meeting {
            Some(meeting) => {
                let date = table::triage_meeting_date(tx, meeting)?
                    .ok_or(CoreError::NotFound("That triage meeting"))?;
                format!("triage meeting on {date}")
            }
            None => String::new(),
        };
        for id in case_ids {
            apply_action(tx, *id, action, &context, &actor, today)?;
        }
        Ok(case_ids.len())
    })
}
