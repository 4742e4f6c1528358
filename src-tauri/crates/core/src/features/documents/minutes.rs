//! The minutes of a meeting, for the panel: who was there, what each
//! agency shared about each case, the risk, decisions and actions, and any
//! amendments made after approval. Each part is its own function, in the
//! order the minutes read.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use roundtable_pdf::{Block, Column, Document, Style};
use uuid::Uuid;

use super::{
    Subject, action_status, actions_table, approval_line, base, due, latest_update, long_date,
    outcome, rag, risk_level, share_state, subjects_at,
};
use crate::domain::action::Action;
use crate::domain::dash::{DashVersion, VISIBLE_HIGH_RISK};
use crate::domain::meeting::{AgendaItemKind, HearingOutcome, MeetingDetail};
use crate::domain::running::{AttendanceStatus, HearingRecord};
use crate::error::{CoreError, CoreResult};
use crate::features::approval::{self, MinutesStatus};
use crate::features::{actions, meetings, panels, running};
use crate::store::sql::Db;

/// The minutes of a meeting, for the panel.
pub fn minutes(conn: &dyn Db, meeting_id: Uuid, now: DateTime<Utc>) -> CoreResult<Document> {
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
    the_meeting(b, &meeting, &status);
    present(b, conn, meeting_id)?;
    b.push(Block::heading(2, "Confidentiality"));
    b.push(Block::text(panel.confidentiality_statement.clone()));
    let agreed = actions::agreed_at(conn, meeting_id, today)?;
    let heard: Vec<Uuid> = meeting
        .items
        .iter()
        .filter_map(|i| i.case.as_ref().map(|c| c.id))
        .collect();
    let records = running::hearing_records(conn, meeting_id, &heard)?;
    let subjects = subjects_at(conn, meeting_id)?;
    let dash = dash_lines(conn, meeting_id)?;
    let forms = crate::features::referral::of_cases(conn, &heard)?;
    let mut number = 0;
    for item in &meeting.items {
        match (item.kind, &item.case) {
            (AgendaItemKind::Introductions, _) | (AgendaItemKind::Triage, _) => {}
            (AgendaItemKind::ActionReview, _) => {
                review(b, &actions::reviewed_at(conn, meeting_id, today)?)
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
                let subject = subjects
                    .get(&case.id)
                    .ok_or(CoreError::NotFound("That case"))?;
                let record = records
                    .get(&case.id)
                    .ok_or(CoreError::NotFound("That case"))?;
                let mut extra = forms
                    .get(&case.id)
                    .map(crate::features::referral::minutes_lines)
                    .unwrap_or_default();
                if let Some(line) = dash.get(&case.id) {
                    extra.push(("Dash checklist".into(), line.clone()));
                }
                heard_case(b, (case.id, subject, record, extra), number, &agreed);
            }
            (_, None) => {}
        }
    }
    amendments(b, &status);
    Ok(doc)
}

/// Each case's Dash scores known by the meeting's day, as one line: the
/// score, never an answer ("16 of 24, visible high risk, 3 November 2026;
/// re-assessed 12 of 24, 1 December 2026").
fn dash_lines(conn: &dyn Db, meeting_id: Uuid) -> CoreResult<HashMap<Uuid, String>> {
    let mut lines: HashMap<Uuid, String> = HashMap::new();
    for r in crate::tables::dash::scores_at(conn, meeting_id)? {
        let (case_id, on, score, version): (Uuid, String, u32, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let of = DashVersion::parse(&version).map_or(24, |v| v.questions().len());
        let high = if score >= VISIBLE_HIGH_RISK {
            ", visible high risk"
        } else {
            ""
        };
        let part = format!("{score} of {of}{high}, {}", long_date(&on));
        lines
            .entry(case_id)
            .and_modify(|l| *l = format!("{l}; re-assessed {part}"))
            .or_insert(part);
    }
    Ok(lines)
}

/// Where, when and who ran it, and whether the minutes are approved.
fn the_meeting(b: &mut Vec<Block>, meeting: &MeetingDetail, status: &MinutesStatus) {
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
        ("Status".into(), approval_line(status)),
    ]));
}

/// Who attended, and which agencies sent apologies, wrote in or were absent.
fn present(b: &mut Vec<Block>, conn: &dyn Db, meeting_id: Uuid) -> CoreResult<()> {
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
    Ok(())
}

/// Where each earlier action stood when the panel reviewed it.
fn review(b: &mut Vec<Block>, reviewed: &[Action]) {
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

/// One case heard: the referral, what each agency shared, the risk,
/// decisions and outcome, and the actions agreed on it.
fn heard_case(
    b: &mut Vec<Block>,
    (case_id, s, record, extra): (Uuid, &Subject, &HearingRecord, Vec<(String, String)>),
    number: usize,
    agreed: &[Action],
) {
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
    referral.extend(extra);
    b.push(Block::key_values(referral));
    shared(b, record);
    risk(b, record);
    b.push(Block::heading(2, "Actions"));
    let list: Vec<&Action> = agreed
        .iter()
        .filter(|a| a.case_id == Some(case_id))
        .collect();
    if list.is_empty() {
        b.push(Block::text("No actions were agreed."));
    } else {
        b.push(actions_table(&list, false));
    }
}

/// What each agency shared: fact, opinion, and what it did not share and why.
fn shared(b: &mut Vec<Block>, record: &HearingRecord) {
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
}

/// The panel's view of the risk, its decisions and the case's outcome.
fn risk(b: &mut Vec<Block>, record: &HearingRecord) {
    b.push(Block::heading(2, "Risk, decisions and outcome"));
    let mut risk = Vec::new();
    if let Some(l) = record.risk_level {
        risk.push(("Risk level".into(), risk_level(l).to_string()));
    }
    if let Some(r) = record.risk_rag {
        risk.push(("RAG rating".into(), rag(r).to_string()));
    }
    if let (Some(l), Some(i), Some(score)) = (record.likelihood, record.impact, record.risk_score) {
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
}

/// The changes made to the minutes after they were approved.
fn amendments(b: &mut Vec<Block>, status: &MinutesStatus) {
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
}
