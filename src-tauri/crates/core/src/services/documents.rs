//! What leaves the room, described for the layout crate: the minutes for the
//! panel, and one action plan per agency holding only what that agency must
//! act on. Need to know is decided here, by what each document selects.

use chrono::{DateTime, NaiveDate, Utc};
use roundtable_pdf::{Block, Column, Document, Style};
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use crate::domain::action::{Action, ActionStatus};
use crate::domain::meeting::{AgendaItemKind, HearingOutcome, MeetingDetail};
use crate::domain::running::{AttendanceStatus, Rag, RiskLevel, ShareState};
use crate::error::{CoreError, CoreResult};
use crate::services::approval::{self, MinutesStatus};
use crate::services::{actions, agencies, meetings, panels, running};

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

fn due(a: &Action) -> String {
    a.due_date
        .as_deref()
        .map_or_else(|| "No date".into(), long_date)
}

fn latest_update(a: &Action) -> String {
    a.updates
        .last()
        .and_then(|u| u.note.clone())
        .unwrap_or_default()
}

/// The people and agencies of the subject of a case, as documents show them.
struct Subject {
    reference: String,
    name: String,
    date_of_birth: Option<String>,
    lead_professional: Option<String>,
    referral_reason: String,
    concerns: Vec<String>,
    referred_on: String,
}

fn subject(conn: &Connection, case_id: Uuid) -> CoreResult<Subject> {
    conn.query_row(
        "SELECT reference, subject_name, date_of_birth, lead_professional, referral_reason,
                coalesce(concerns, '[]'), referral_date
         FROM person_case WHERE id = ?1",
        [case_id.to_string()],
        |r| {
            let concerns: String = r.get(5)?;
            Ok(Subject {
                reference: r.get(0)?,
                name: r.get(1)?,
                date_of_birth: r.get(2)?,
                lead_professional: r.get(3)?,
                referral_reason: r.get(4)?,
                concerns: serde_json::from_str(&concerns).unwrap_or_default(),
                referred_on: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or(CoreError::NotFound("That case"))
}

fn approval_line(status: &MinutesStatus) -> String {
    match (&status.approved_by, &status.approved_at) {
        (Some(by), Some(at)) => format!(
            "Approved by {by} on {}; version {}",
            long_date(at.get(..10).unwrap_or(at)),
            status.version
        ),
        _ => "Draft: not yet approved".into(),
    }
}

fn base(
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

fn actions_table(list: &[&Action], with_case: bool) -> Block {
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

/// The minutes of a meeting, for the panel.
pub fn minutes(conn: &Connection, meeting_id: Uuid, now: DateTime<Utc>) -> CoreResult<Document> {
    let today = now.date_naive();
    let meeting = meetings::get(conn, meeting_id)?;
    let panel = panels::get(conn, meeting.panel_id)?;
    let status = approval::status(conn, meeting_id)?;
    let mut title = String::from("Minutes");
    if status.version > 1 {
        title = format!("Minutes, version {}", status.version);
    }
    let mut doc = base(
        &meeting,
        &panel.protective_marking,
        title,
        status.approved_by.is_none(),
        now,
    );
    let b = &mut doc.blocks;
    b.push(Block::heading(1, "The meeting"));
    b.push(Block::key_values(vec![
        ("Panel".into(), meeting.panel_name.clone()),
        (
            "Date".into(),
            format!(
                "{}, starting {}",
                long_date(&meeting.date),
                meeting.start_time
            ),
        ),
        ("Venue".into(), meeting.venue.clone().unwrap_or_default()),
        ("Chair".into(), meeting.chair.clone().unwrap_or_default()),
        (
            "Minutes taken by".into(),
            meeting.minute_taker.clone().unwrap_or_default(),
        ),
        ("Status".into(), approval_line(&status)),
    ]));

    let attendance = running::attendance(conn, meeting_id)?;
    let people = running::attendees(conn, meeting_id)?;
    let code_of = |id: Option<Uuid>| {
        attendance
            .iter()
            .find(|a| Some(a.agency_id) == id)
            .map(|a| format!("{} ({})", a.agency_name, a.short_code))
            .unwrap_or_default()
    };
    b.push(Block::heading(2, "Present"));
    if people.is_empty() {
        b.push(Block::text("No attendees were recorded."));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Name", 0.2),
                Column::new("Agency", 0.28),
                Column::new("Role", 0.2),
                // Short words: a narrow column must not break one mid-word.
                Column::new("Acknowledged confidentiality", 0.18),
                Column::new("Arrived / left", 0.14),
            ],
            rows: people
                .iter()
                .map(|p| {
                    let times = match (&p.arrived_at, &p.left_at) {
                        (Some(a), Some(l)) => format!("Arrived {a}, left {l}"),
                        (Some(a), None) => format!("Arrived {a}"),
                        (None, Some(l)) => format!("Left {l}"),
                        (None, None) => String::new(),
                    };
                    vec![
                        p.name.clone(),
                        code_of(p.agency_id),
                        p.role.clone().unwrap_or_default(),
                        if p.acknowledged { "Yes" } else { "No" }.into(),
                        times,
                    ]
                })
                .collect(),
        });
    }
    for (state, heading) in [
        (AttendanceStatus::Apologies, "Apologies"),
        (
            AttendanceStatus::SentInWriting,
            "Information sent in writing",
        ),
        (AttendanceStatus::Absent, "Absent"),
    ] {
        let names: Vec<String> = attendance
            .iter()
            .filter(|a| a.status == Some(state))
            .map(|a| format!("{} ({})", a.agency_name, a.short_code))
            .collect();
        if !names.is_empty() {
            b.push(Block::heading(2, heading));
            b.push(Block::text(names.join("; ")));
        }
    }
    b.push(Block::heading(2, "Confidentiality"));
    b.push(Block::text(panel.confidentiality_statement.clone()));

    let agreed = actions::agreed_at(conn, meeting_id, today)?;
    let mut number = 0;
    for item in &meeting.items {
        match (item.kind, &item.case) {
            (AgendaItemKind::Introductions, _) | (AgendaItemKind::Triage, _) => {}
            (AgendaItemKind::ActionReview, _) => {
                let reviewed = actions::reviewed_at(conn, meeting_id, today)?;
                b.push(Block::heading(1, "Review of earlier actions"));
                if reviewed.is_empty() {
                    b.push(Block::text("No actions were open from earlier meetings."));
                } else {
                    b.push(Block::Table {
                        columns: vec![
                            Column::new("Case", 0.13),
                            Column::new("Agency", 0.12),
                            Column::new("Action", 0.33),
                            Column::new("Due", 0.12),
                            Column::new("Status", 0.13),
                            Column::new("Update", 0.17),
                        ],
                        rows: reviewed
                            .iter()
                            .map(|a| {
                                vec![
                                    a.case_reference.clone().unwrap_or_default(),
                                    a.agency_code.clone(),
                                    a.text.clone(),
                                    due(a),
                                    format!(
                                        "{}{}",
                                        action_status(a.status),
                                        if a.overdue { " (overdue)" } else { "" }
                                    ),
                                    latest_update(a),
                                ]
                            })
                            .collect(),
                    });
                }
            }
            (AgendaItemKind::OtherBusiness, _) => {
                b.push(Block::heading(1, "Any other business"));
                let list: Vec<&Action> = agreed.iter().filter(|a| a.case_id.is_none()).collect();
                if list.is_empty() {
                    b.push(Block::text("None."));
                } else {
                    b.push(actions_table(&list, false));
                }
            }
            (AgendaItemKind::AnniversaryNotice, Some(case)) => {
                b.push(Block::heading(
                    1,
                    format!("For notice: {} {}", case.reference, case.subject_name),
                ));
                b.push(Block::text(
                    "Heard within the last year; listed so the panel knows of it.",
                ));
            }
            (_, Some(case)) => {
                number += 1;
                let s = subject(conn, case.id)?;
                b.push(Block::heading(
                    1,
                    format!("Case {number}: {} {}", s.reference, s.name),
                ));
                let mut referral = vec![
                    ("Referral".into(), s.referral_reason.clone()),
                    ("Referred".into(), long_date(&s.referred_on)),
                ];
                if !s.concerns.is_empty() {
                    referral.push(("Concerns".into(), s.concerns.join(", ")));
                }
                b.push(Block::key_values(referral));
                let record = running::hearing_record(conn, meeting_id, case.id)?;
                b.push(Block::heading(2, "Information shared"));
                if record.shares.is_empty() {
                    b.push(Block::text("No information was recorded."));
                }
                for share in &record.shares {
                    b.push(Block::styled(
                        format!(
                            "{} ({}): {}",
                            share.agency_name,
                            share.short_code,
                            share_state(share.state)
                        ),
                        Style::Bold,
                    ));
                    let mut said = Vec::new();
                    if let Some(f) = &share.facts {
                        said.push(("Fact".into(), f.clone()));
                    }
                    if let Some(o) = &share.opinion {
                        said.push(("Opinion".into(), o.clone()));
                    }
                    if let Some(w) = &share.withheld {
                        said.push(("Not shared".into(), w.clone()));
                        said.push((
                            "Why".into(),
                            share.withheld_reason.clone().unwrap_or_default(),
                        ));
                    }
                    if !said.is_empty() {
                        b.push(Block::key_values(said));
                    }
                }
                b.push(Block::heading(2, "Risk, decisions and outcome"));
                let mut risk = Vec::new();
                if let Some(l) = record.risk_level {
                    risk.push(("Risk level".into(), risk_level(l).to_string()));
                }
                if let Some(r) = record.risk_rag {
                    risk.push(("RAG rating".into(), rag(r).to_string()));
                }
                if let (Some(l), Some(i), Some(score)) =
                    (record.likelihood, record.impact, record.risk_score)
                {
                    risk.push((
                        "Risk matrix".into(),
                        format!("Likelihood {l} x impact {i} = {score} of 9"),
                    ));
                }
                if let Some(sum) = &record.summary {
                    risk.push(("Summary".into(), sum.clone()));
                }
                if let Some(d) = &record.decisions {
                    risk.push(("Decisions".into(), d.clone()));
                }
                if let Some(o) = record.outcome {
                    let detail = match (o, &record.review_due, &record.outcome_reason) {
                        (HearingOutcome::Continue, Some(r), _) => {
                            format!("{}: review by {}", outcome(o), long_date(r))
                        }
                        (_, _, Some(reason)) => format!("{}: {reason}", outcome(o)),
                        _ => outcome(o).to_string(),
                    };
                    risk.push(("Outcome".into(), detail));
                }
                if let Some(w) = &record.who_tells {
                    risk.push(("Who tells the person".into(), w.clone()));
                }
                if risk.is_empty() {
                    b.push(Block::text("Not recorded."));
                } else {
                    b.push(Block::key_values(risk));
                }
                b.push(Block::heading(2, "Actions"));
                let list: Vec<&Action> = agreed
                    .iter()
                    .filter(|a| a.case_id == Some(case.id))
                    .collect();
                if list.is_empty() {
                    b.push(Block::text("No actions were agreed."));
                } else {
                    b.push(actions_table(&list, false));
                }
            }
            (_, None) => {}
        }
    }
    if !status.amendments.is_empty() {
        b.push(Block::heading(1, "Amendments"));
        b.push(Block::Table {
            columns: vec![
                Column::new("Version", 0.1),
                Column::new("When", 0.18),
                Column::new("By", 0.18),
                Column::new("Why", 0.27),
                Column::new("What was changed", 0.27),
            ],
            rows: status
                .amendments
                .iter()
                .map(|a| {
                    vec![
                        a.version.to_string(),
                        long_date(a.opened_at.get(..10).unwrap_or(&a.opened_at)),
                        a.opened_by.clone(),
                        a.why.clone(),
                        a.what.clone().unwrap_or_else(|| "(under way)".into()),
                    ]
                })
                .collect(),
        });
    }
    Ok(doc)
}

/// The agencies that get an action plan from this meeting: those with an
/// action agreed at it or an earlier action it reviewed.
pub fn plan_agencies(
    conn: &Connection,
    meeting_id: Uuid,
    today: NaiveDate,
) -> CoreResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = actions::agreed_at(conn, meeting_id, today)?
        .into_iter()
        .chain(actions::reviewed_at(conn, meeting_id, today)?)
        .map(|a| a.agency_id)
        .collect();
    let names = agencies::list(conn)?;
    ids.sort_by_key(|id| {
        names
            .iter()
            .find(|a| a.id == *id)
            .map(|a| a.name.to_lowercase())
            .unwrap_or_default()
    });
    ids.dedup();
    Ok(ids)
}

/// One agency's action plan: its own actions only, with the minimum needed
/// to act on each, and where its earlier actions stand.
pub fn action_plan(
    conn: &Connection,
    meeting_id: Uuid,
    agency_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<Document> {
    let today = now.date_naive();
    let meeting = meetings::get(conn, meeting_id)?;
    let panel = panels::get(conn, meeting.panel_id)?;
    let agency = agencies::get(conn, agency_id)?;
    let status = approval::status(conn, meeting_id)?;
    let mut doc = base(
        &meeting,
        &panel.protective_marking,
        format!("Action plan: {}", agency.name),
        status.approved_by.is_none(),
        now,
    );
    let agreed = actions::agreed_at_for(conn, meeting_id, Some(agency_id), None, today)?;
    let earlier = actions::reviewed_at_by(conn, meeting_id, Some(agency_id), today)?;
    let b = &mut doc.blocks;
    b.push(Block::heading(
        1,
        format!("For {} ({})", agency.name, agency.short_code),
    ));
    b.push(Block::text(format!(
        "These are the actions the {} agreed for your agency at its meeting on {}. Please complete each by its due date and report progress to the panel's coordinator before the next meeting.",
        meeting.panel_name,
        long_date(&meeting.date)
    )));
    b.push(Block::heading(2, "Handling"));
    b.push(Block::text(format!(
        "{}. This plan holds only what your agency needs to act. Share it only with the people in your agency who must act on it; keep it in your agency's secure case record; do not forward or copy it elsewhere. {}",
        panel.protective_marking.to_uppercase(),
        approval_line(&status)
    )));

    b.push(Block::heading(1, "Actions agreed at this meeting"));
    let case_rows = |list: &[Action], earlier: bool| -> CoreResult<Vec<Vec<String>>> {
        list.iter()
            .filter(|a| a.case_id.is_some())
            .map(|a| {
                let s = subject(conn, a.case_id.unwrap_or_default())?;
                let mut action = a.text.clone();
                if let Some(o) = &a.officer {
                    action.push_str(&format!(" (officer: {o})"));
                }
                Ok(if earlier {
                    vec![
                        format!("{}\n{}", s.reference, s.name),
                        action,
                        long_date(&a.meeting_date),
                        due(a),
                        action_status(a.status).to_string(),
                        latest_update(a),
                    ]
                } else {
                    vec![
                        format!("{}\n{}", s.reference, s.name),
                        s.date_of_birth
                            .as_deref()
                            .map(long_date)
                            .unwrap_or_else(|| "Not known".into()),
                        action,
                        due(a),
                        s.lead_professional
                            .clone()
                            .unwrap_or_else(|| "Not named".into()),
                    ]
                })
            })
            .collect()
    };
    let rows = case_rows(&agreed, false)?;
    if rows.is_empty() {
        b.push(Block::text(
            "No actions on cases were agreed for your agency at this meeting.",
        ));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Case and name", 0.2),
                Column::new("Date of birth", 0.14),
                Column::new("Action", 0.36),
                Column::new("Due", 0.13),
                Column::new("Lead professional", 0.17),
            ],
            rows,
        });
    }
    let whole_panel: Vec<&Action> = agreed.iter().filter(|a| a.case_id.is_none()).collect();
    if !whole_panel.is_empty() {
        b.push(Block::heading(2, "For the panel as a whole"));
        b.push(actions_table(&whole_panel, false));
    }
    b.push(Block::heading(1, "Your actions from earlier meetings"));
    let rows = case_rows(&earlier, true)?;
    if rows.is_empty() {
        b.push(Block::text("None were open."));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Case and name", 0.2),
                Column::new("Action", 0.3),
                Column::new("Agreed", 0.12),
                Column::new("Due", 0.12),
                Column::new("Status", 0.12),
                Column::new("Latest update", 0.14),
            ],
            rows,
        });
    }
    Ok(doc)
}

/// The document as PDF bytes.
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
