//! What the projector window may show: the agenda with the current item, the
//! countdown, each case only by its reference and initials, and the actions
//! being agreed with their agencies. Built here, in the core, so nothing the
//! room must not see (a name, a date of birth, an address, what an agency
//! shared) ever reaches the projector's web view.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::meeting::AgendaItemKind;
use crate::error::CoreResult;
use crate::features::{actions, cockpit};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProjectorItem {
    pub number: u32,
    /// "Case YM-2026-0001 (A.O.)" for a case; the item's heading otherwise.
    pub label: String,
    /// "done", "current" or "to_come".
    pub status: String,
    pub planned_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProjectorAction {
    pub agency_name: String,
    pub agency_code: String,
    pub text: String,
    pub due_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProjectorView {
    pub title: String,
    pub items: Vec<ProjectorItem>,
    pub current: Option<ProjectorItem>,
    pub spent_seconds: u32,
    pub overrun_seconds: u32,
    pub timer_running: bool,
    pub projected_end: String,
    /// Actions agreed at this meeting for the current item's case (or, at
    /// other business, those that belong to no case).
    pub actions: Vec<ProjectorAction>,
}

/// "Amara Okafor-Smith" → "A.O." (first and last name only).
pub fn initials(name: &str) -> String {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let picked: Vec<&str> = match parts.as_slice() {
        [] => Vec::new(),
        [one] => vec![one],
        [first, .., last] => vec![first, last],
    };
    picked
        .iter()
        .filter_map(|p| p.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .map(|c| format!("{c}."))
        .collect()
}

fn heading(kind: AgendaItemKind) -> &'static str {
    match kind {
        AgendaItemKind::Introductions => "Introductions and confidentiality",
        AgendaItemKind::ActionReview => "Review of actions",
        AgendaItemKind::NewCase => "New case",
        AgendaItemKind::ReviewCase => "Review case",
        AgendaItemKind::AnniversaryNotice => "Anniversary notice",
        AgendaItemKind::Triage => "Triage",
        AgendaItemKind::OtherBusiness => "Any other business",
    }
}

pub fn view(
    conn: &dyn crate::store::sql::Db,
    meeting_id: Uuid,
    now: DateTime<chrono::Utc>,
    local_now: NaiveDateTime,
    today: NaiveDate,
) -> CoreResult<ProjectorView> {
    let live = cockpit::meeting_now(conn, meeting_id, now, local_now)?;
    let mut items = Vec::new();
    let mut current = None;
    let (mut spent_seconds, mut overrun_seconds) = (0, 0);
    let mut current_case: Option<Option<Uuid>> = None;
    for (index, item) in live.meeting.items.iter().enumerate() {
        let timing = live.timings.iter().find(|t| t.item_id == item.id);
        let label = match &item.case {
            Some(case) => format!(
                "{}: {} ({})",
                heading(item.kind),
                case.reference,
                initials(&case.subject_name)
            ),
            None => heading(item.kind).to_string(),
        };
        let shown = ProjectorItem {
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
            label,
            status: timing.map_or_else(|| "to_come".into(), |t| t.status.clone()),
            planned_minutes: item.planned_minutes,
        };
        if live.current_item_id == Some(item.id) {
            current = Some(shown.clone());
            spent_seconds = timing.map_or(0, |t| t.spent_seconds);
            overrun_seconds = timing.map_or(0, |t| t.overrun_seconds);
            current_case = match item.kind {
                AgendaItemKind::OtherBusiness => Some(None),
                _ => item.case.as_ref().map(|c| Some(c.id)),
            };
        }
        items.push(shown);
    }
    let actions = match current_case {
        Some(case_id) => actions::agreed_at(conn, meeting_id, today)?
            .into_iter()
            .filter(|a| a.case_id == case_id)
            .map(|a| ProjectorAction {
                agency_name: a.agency_name,
                agency_code: a.agency_code,
                text: a.text,
                due_date: a.due_date,
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(ProjectorView {
        title: format!(
            "{} · {}",
            live.meeting.panel_name,
            NaiveDate::parse_from_str(&live.meeting.date, "%Y-%m-%d").map_or_else(
                |_| live.meeting.date.clone(),
                |d| d.format("%-d %B %Y").to_string()
            )
        ),
        items,
        current,
        spent_seconds,
        overrun_seconds,
        timer_running: live.timer_running,
        projected_end: live.projected_end,
        actions,
    })
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_use_first_and_last_names() {
        assert_eq!(initials("Amara Okafor"), "A.O.");
        assert_eq!(initials("amara  grace  okafor-smith"), "A.O.");
        assert_eq!(initials("Cher"), "C.");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("Łukasz Żółw"), "Ł.Ż.");
    }
}
