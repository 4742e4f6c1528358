//! What leaves the room, described for the layout crate: the minutes for the
//! panel, and one action plan per agency holding only what that agency must
//! act on. Need to know is decided here, by what each document selects.
//! This file holds the labels and pieces both documents share; each
//! document is in its own file. Runs on either engine.

mod minutes;
mod plans;

pub use minutes::minutes;
pub use plans::{action_plan, plan_agencies};

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use roundtable_pdf::{Block, Column, Document};
use uuid::Uuid;

use crate::domain::action::{Action, ActionStatus};
use crate::domain::meeting::{HearingOutcome, MeetingDetail};
use crate::domain::running::{Rag, RiskLevel, ShareState};
use crate::error::{CoreError, CoreResult};
use crate::features::approval::MinutesStatus;
use crate::store::sql::{Db, Values};
use crate::tables::cases;

pub(crate) fn long_date(ymd: &str) -> String {
    NaiveDate::parse_from_str(ymd, "%Y-%m-%d")
        .map_or_else(|_| ymd.to_string(), |d| d.format("%-d %B %Y").to_string())
}

/// A date (or the date part of a time) as 02/11/2026, for tables.
pub(crate) fn short_date(text: &str) -> String {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
        .map_or_else(|_| text.to_string(), |d| d.format("%d/%m/%Y").to_string())
}

pub(crate) fn share_state(s: ShareState) -> &'static str {
    match s {
        ShareState::Known => "Known to the agency",
        ShareState::NotKnown => "Not known to the agency",
        ShareState::NotPresent => "Not present",
        ShareState::SentInWriting => "Sent in writing",
    }
}

pub(crate) fn risk_level(r: RiskLevel) -> &'static str {
    match r {
        RiskLevel::Standard => "Standard",
        RiskLevel::Medium => "Medium",
        RiskLevel::High => "High",
    }
}

pub(crate) fn rag(r: Rag) -> &'static str {
    match r {
        Rag::Red => "Red",
        Rag::Amber => "Amber",
        Rag::Green => "Green",
    }
}

pub(crate) fn outcome(o: HearingOutcome) -> &'static str {
    match o {
        HearingOutcome::Continue => "Continue",
        HearingOutcome::Close => "Close",
        HearingOutcome::Escalate => "Escalate",
        HearingOutcome::Redirect => "Redirect",
        HearingOutcome::Defer => "Defer",
    }
}

pub fn action_status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "Open",
        ActionStatus::InProgress => "In progress",
        ActionStatus::Done => "Done",
        ActionStatus::NotDoneCircumstances => "Not done: circumstances changed",
        ActionStatus::NotDoneAgency => "Not done by the agency",
    }
}

pub(super) fn due(a: &Action) -> String {
    a.due_date
        .as_deref()
        .map_or_else(|| "No date".into(), long_date)
}

pub(super) fn latest_update(a: &Action) -> String {
    a.updates
        .last()
        .and_then(|u| u.note.clone())
        .unwrap_or_default()
}

/// The people and agencies of the subject of a case, as documents show them.
pub(super) struct Subject {
    pub(super) reference: String,
    pub(super) name: String,
    pub(super) date_of_birth: Option<String>,
    pub(super) lead_professional: Option<String>,
    pub(super) referral_reason: String,
    pub(super) concerns: Vec<String>,
    pub(super) referred_on: String,
}

/// The subjects of cases `ids`, in one statement.
pub(super) fn subjects_of(db: &dyn Db, ids: &[Uuid]) -> CoreResult<HashMap<Uuid, Subject>> {
    cases::document_subjects(db, ids)?
        .iter()
        .map(|r| Ok((r.get(7)?, subject_from(r)?)))
        .collect()
}

/// The subject of every case on a meeting's agenda, in one statement.
pub(super) fn subjects_at(db: &dyn Db, meeting_id: Uuid) -> CoreResult<HashMap<Uuid, Subject>> {
    cases::document_subjects_at(db, meeting_id)?
        .iter()
        .map(|r| Ok((r.get(7)?, subject_from(r)?)))
        .collect()
}

fn subject_from(r: &Values) -> CoreResult<Subject> {
    let concerns: Option<String> = r.get(5)?;
    Ok(Subject {
        reference: r.get(0)?,
        name: r.get(1)?,
        date_of_birth: r.get(2)?,
        lead_professional: r.get(3)?,
        referral_reason: r.get(4)?,
        concerns: concerns
            .and_then(|c| serde_json::from_str(&c).ok())
            .unwrap_or_default(),
        referred_on: r.get(6)?,
    })
}

pub(super) fn approval_line(status: &MinutesStatus) -> String {
    match (&status.approved_by, &status.approved_at) {
        (Some(by), Some(at)) => format!(
            "Approved by {by} on {}; version {}",
            long_date(at.get(..10).unwrap_or(at)),
            status.version
        ),
        _ => "Draft: not yet approved".into(),
    }
}

pub(super) fn base(
    meeting: &MeetingDetail,
    marking: &str,
    title: String,
    draft: bool,
    now: DateTime<Utc>,
) -> Document {
    Document {
        title,
        subtitle: format!("{}, {}", meeting.panel_name, long_date(&meeting.date)),
        marking: marking.to_string(),
        author: meeting.panel_name.clone(),
        draft,
        created_unix: now.timestamp(),
        footer: String::new(),
        keywords: Vec::new(),
        blocks: Vec::new(),
    }
}

pub(super) fn actions_table(list: &[&Action], with_case: bool) -> Block {
    let mut columns = Vec::new();
    if with_case {
        columns.push(Column::new("Case", 0.14));
    }
    columns.extend([
        Column::new("Agency", 0.18),
        Column::new("Action", 0.42),
        Column::new("Officer", 0.14),
        Column::new("Due", 0.12),
    ]);
    let rows = list
        .iter()
        .map(|a| {
            let mut row = Vec::new();
            if with_case {
                row.push(a.case_reference.clone().unwrap_or_default());
            }
            row.extend([
                format!("{} ({})", a.agency_name, a.agency_code),
                a.text.clone(),
                a.officer.clone().unwrap_or_default(),
                due(a),
            ]);
            row
        })
        .collect();
    Block::Table { columns, rows }
}

/// The document as PDF bytes.
/// Adds words to the foot of every page, after any already there (a plan's
/// recipient, then the audit log's anchor).
pub(crate) fn add_to_footer(doc: &mut Document, words: &str) {
    if doc.footer.is_empty() {
        doc.footer = words.to_owned();
    } else {
        doc.footer = format!("{} · {words}", doc.footer);
    }
}

pub fn pdf(doc: &Document) -> CoreResult<Vec<u8>> {
    roundtable_pdf::render(doc).map_err(|e| CoreError::Storage(e.to_string()))
}

/// A predictable, safe file name: panel, date, what (ASCII, no separators).
pub fn file_name(panel: &str, date: &str, what: &str) -> String {
    let slug = |s: &str| -> String {
        let ascii = deunicode::deunicode(s).to_lowercase();
        let mut out = String::new();
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        out.trim_end_matches('-').chars().take(60).collect()
    };
    format!("{}_{}_{}.pdf", slug(panel), date, slug(what))
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_are_predictable_and_safe() {
        assert_eq!(
            file_name(
                "Lowbridge Youth MARAC",
                "2026-12-04",
                "Action plan: Children's Social Care"
            ),
            "lowbridge-youth-marac_2026-12-04_action-plan-children-s-social-care.pdf"
        );
        assert_eq!(
            file_name("../../etc", "2026-12-04", "minutes/v2"),
            "etc_2026-12-04_minutes-v2.pdf"
        );
    }
}
