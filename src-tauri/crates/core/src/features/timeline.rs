//! A person's timeline: every referral, hearing, risk change, outcome,
//! action and report on an action across their cases, in order, with who
//! recorded it. Runs on either engine.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::person::same_person;
use crate::domain::action::Action;
use crate::domain::meeting::HearingOutcome;
use crate::domain::running::{Rag, RiskLevel};
use crate::error::{CoreError, CoreResult};
use crate::features::actions;
use crate::features::documents::{self, short_date};
use crate::store::sql::Db;

/// One thing that happened, in a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelineEntry {
    /// When it happened: a date (YYYY-MM-DD) or a time (RFC 3339).
    pub at: String,
    pub case_reference: String,
    /// referral, status, hearing, risk, outcome, action, action_update,
    /// repeat, edited, subject_access
    pub kind: String,
    pub text: String,
    pub recorded_by: String,
}

pub(super) struct HearingRow {
    pub(super) meeting_id: String,
    pub(super) heard_on: String,
    pub(super) start_time: String,
    pub(super) panel: String,
    pub(super) risk_level: Option<String>,
    pub(super) risk_rag: Option<String>,
    pub(super) outcome: Option<String>,
    pub(super) review_due: Option<String>,
    pub(super) recorded_by: Option<String>,
}

pub(super) fn hearings(conn: &dyn Db, case_id: Uuid) -> CoreResult<Vec<HearingRow>> {
    crate::tables::person::hearings(conn, case_id)?
        .iter()
        .map(|r| {
            Ok(HearingRow {
                meeting_id: r.get(0)?,
                heard_on: r.get(1)?,
                start_time: r.get(2)?,
                panel: r.get(3)?,
                risk_level: r.get(4)?,
                risk_rag: r.get(5)?,
                outcome: r.get(6)?,
                review_due: r.get(7)?,
                recorded_by: r.get(8)?,
            })
        })
        .collect()
}

pub(super) fn risk_words(level: Option<&str>, rag: Option<&str>) -> Option<String> {
    let level = level.and_then(RiskLevel::parse).map(documents::risk_level);
    let rag = rag.and_then(Rag::parse).map(documents::rag);
    match (level, rag) {
        (Some(l), Some(r)) => Some(format!("{l} ({r})")),
        (Some(l), None) => Some(l.to_string()),
        (None, Some(r)) => Some(r.to_string()),
        (None, None) => None,
    }
}

/// Every referral, hearing, risk change, outcome, action and report on an
/// action for the person in `case_id`, in order, with who recorded it.
pub fn timeline(conn: &dyn Db, case_id: Uuid, today: NaiveDate) -> CoreResult<Vec<TimelineEntry>> {
    let mut out = Vec::new();
    for id in same_person(conn, case_id)? {
        let (reference, referral_date) =
            crate::tables::person::referral(conn, id)?.ok_or(CoreError::NotFound("That case"))?;
        history(conn, id, &reference, &referral_date, &mut out)?;
        hearing_entries(conn, id, &reference, &mut out)?;
        action_entries(conn, id, &reference, today, &mut out)?;
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(out)
}

/// The case's history, its first event dated as the referral; hearings are
/// told from the hearing itself.
fn history(
    conn: &dyn Db,
    id: Uuid,
    reference: &str,
    referral_date: &str,
    out: &mut Vec<TimelineEntry>,
) -> CoreResult<()> {
    let events = crate::tables::cases::history(conn, id)?;
    let mut first = true;
    for event in events {
        let (at, kind, detail, by) = (event.at, event.kind, event.detail, event.recorded_by);
        // Hearings are told from the hearing itself, below.
        if kind == "heard" {
            continue;
        }
        let (at, kind) = if first {
            // The case's first event is its referral: dated the referral.
            first = false;
            (referral_date.to_owned(), "referral".to_string())
        } else {
            let kind = match kind.as_str() {
                "accepted" | "redirected" | "deferred" | "closed" | "emergency_panel" => {
                    "status".to_string()
                }
                "repeat_confirmed" | "repeat_rejected" => "repeat".to_string(),
                other => other.to_string(),
            };
            (at, kind)
        };
        out.push(TimelineEntry {
            at,
            case_reference: reference.to_owned(),
            kind,
            text: detail,
            recorded_by: by,
        });
    }
    Ok(())
}

/// Each hearing, and the risk and outcome it recorded when they changed.
fn hearing_entries(
    conn: &dyn Db,
    id: Uuid,
    reference: &str,
    out: &mut Vec<TimelineEntry>,
) -> CoreResult<()> {
    let mut last_risk: Option<String> = None;
    for h in hearings(conn, id)? {
        let at = format!("{}T{}", h.heard_on, h.start_time);
        let by = h.recorded_by.clone().unwrap_or_default();
        out.push(TimelineEntry {
            at: at.clone(),
            case_reference: reference.to_owned(),
            kind: "hearing".into(),
            text: format!("Heard at {} on {}.", h.panel, short_date(&h.heard_on)),
            recorded_by: by.clone(),
        });
        let risk = risk_words(h.risk_level.as_deref(), h.risk_rag.as_deref());
        if let Some(r) = &risk
            && risk != last_risk
        {
            let text = match &last_risk {
                None => format!("Risk assessed as {r}."),
                Some(before) => format!("Risk changed from {before} to {r}."),
            };
            out.push(TimelineEntry {
                at: at.clone(),
                case_reference: reference.to_owned(),
                kind: "risk".into(),
                text,
                recorded_by: by.clone(),
            });
            last_risk = risk;
        }
        if let Some(o) = h.outcome.as_deref().and_then(HearingOutcome::parse) {
            let mut text = format!("Outcome: {}.", documents::outcome(o));
            if let Some(d) = &h.review_due {
                text = format!(
                    "Outcome: {}; review by {}.",
                    documents::outcome(o),
                    short_date(d)
                );
            }
            out.push(TimelineEntry {
                at,
                case_reference: reference.to_owned(),
                kind: "outcome".into(),
                text,
                recorded_by: by,
            });
        }
    }
    Ok(())
}

/// Each action agreed on the case and every report on it.
fn action_entries(
    conn: &dyn Db,
    id: Uuid,
    reference: &str,
    today: NaiveDate,
    out: &mut Vec<TimelineEntry>,
) -> CoreResult<()> {
    let actions = case_actions(conn, id, today)?;
    let ids: Vec<Uuid> = actions.iter().map(|a| a.id).collect();
    let mut created = crate::tables::person::actions_created(conn, &ids)?;
    for a in actions {
        let (created_at, created_by) = created
            .remove(&a.id)
            .ok_or(CoreError::NotFound("That action"))?;
        let due = a.due_date.as_deref().map_or_else(
            || "no due date".into(),
            |d| format!("due {}", short_date(d)),
        );
        out.push(TimelineEntry {
            // Agreed at the meeting, whenever it was typed in.
            at: format!(
                "{}T{}",
                a.meeting_date,
                created_at.get(11..16).unwrap_or("00:00")
            ),
            case_reference: reference.to_owned(),
            kind: "action".into(),
            text: format!("Action for {} ({due}): {}", a.agency_name, a.text),
            recorded_by: created_by,
        });
        for u in &a.updates {
            let mut text = format!(
                "{} reported: {}.",
                a.agency_code,
                documents::action_status(u.status)
            );
            if let Some(n) = &u.note {
                text = format!("{text} {n}");
            }
            out.push(TimelineEntry {
                at: format!("{}T{}", u.reported_on, u.at.get(11..16).unwrap_or("00:00")),
                case_reference: reference.to_owned(),
                kind: "action_update".into(),
                text,
                recorded_by: u.recorded_by.clone(),
            });
        }
    }
    Ok(())
}

pub(super) fn case_actions(
    conn: &dyn Db,
    case_id: Uuid,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    actions::finish_all(conn, crate::tables::actions::of_case(conn, case_id)?, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_reads_as_words() {
        assert_eq!(
            risk_words(Some("high"), Some("red")).as_deref(),
            Some("High (Red)")
        );
        assert_eq!(risk_words(None, None), None);
        assert_eq!(short_date("2026-11-02T09:30"), "02/11/2026");
    }
}
