//! One person across the panel's records: every referral of theirs (a repeat
//! referral is a new case pointing at the earlier one), the timeline of all
//! that happened to those cases, and the subject access export.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use roundtable_pdf::{Block, Column, Document, Style};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::action::Action;
use crate::domain::meeting::HearingOutcome;
use crate::domain::running::{Rag, RiskLevel};
use crate::error::{CoreError, CoreResult};
use crate::services::cases::{self, record_event};
use crate::services::documents::{self, long_date, short_date};
use crate::services::exports::{self, WrittenFile};
use crate::services::statistics::{ethnicity_label, gender_label, yes_no_label};
use crate::services::{actions, parse_id, running};
use crate::store::Store;

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

/// The case and every case of the same person (confirmed repeats, either
/// way, however far back), oldest referral first.
pub fn same_person(conn: &Connection, case_id: Uuid) -> CoreResult<Vec<Uuid>> {
    let ids: Vec<String> = conn
        .prepare_cached(
            "WITH RECURSIVE person(id) AS (
                SELECT ?1
                UNION
                SELECT c.repeat_of FROM person_case c JOIN person p ON c.id = p.id WHERE c.repeat_of IS NOT NULL
                UNION
                SELECT c.id FROM person_case c JOIN person p ON c.repeat_of = p.id
             )
             SELECT c.id FROM person_case c JOIN person p ON p.id = c.id
             ORDER BY c.referral_date, c.created_at",
        )?
        .query_map([case_id.to_string()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Err(CoreError::NotFound("That case"));
    }
    ids.iter().map(|id| parse_id(id)).collect()
}

struct HearingRow {
    meeting_id: String,
    heard_on: String,
    start_time: String,
    panel: String,
    risk_level: Option<String>,
    risk_rag: Option<String>,
    outcome: Option<String>,
    review_due: Option<String>,
    recorded_by: Option<String>,
}

fn hearings(conn: &Connection, case_id: Uuid) -> CoreResult<Vec<HearingRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT h.meeting_id, h.heard_on, m.start_time, p.name, h.risk_level, h.risk_rag, h.outcome,
                h.review_due, coalesce(h.recorded_by, m.minute_taker)
             FROM hearing h JOIN meeting m ON m.id = h.meeting_id JOIN panel p ON p.id = m.panel_id
             WHERE h.case_id = ?1 ORDER BY h.heard_on",
        )?
        .query_map([case_id.to_string()], |r| {
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
        })?
        .collect::<Result<_, _>>()?)
}

fn risk_words(level: Option<&str>, rag: Option<&str>) -> Option<String> {
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
pub fn timeline(
    conn: &Connection,
    case_id: Uuid,
    today: NaiveDate,
) -> CoreResult<Vec<TimelineEntry>> {
    let mut out = Vec::new();
    for id in same_person(conn, case_id)? {
        let (reference, referral_date): (String, String) = conn.query_row(
            "SELECT reference, referral_date FROM person_case WHERE id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let events: Vec<(String, String, String, String)> = conn
            .prepare_cached(
                "SELECT at, kind, detail, recorded_by FROM case_event WHERE case_id = ?1 ORDER BY at, rowid",
            )?
            .query_map([id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut first = true;
        for (at, kind, detail, by) in events {
            // Hearings are told from the hearing itself, below.
            if kind == "heard" {
                continue;
            }
            let (at, kind) = if first {
                // The case's first event is its referral: dated the referral.
                first = false;
                (referral_date.clone(), "referral".to_string())
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
                case_reference: reference.clone(),
                kind,
                text: detail,
                recorded_by: by,
            });
        }
        let mut last_risk: Option<String> = None;
        for h in hearings(conn, id)? {
            let at = format!("{}T{}", h.heard_on, h.start_time);
            let by = h.recorded_by.clone().unwrap_or_default();
            out.push(TimelineEntry {
                at: at.clone(),
                case_reference: reference.clone(),
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
                    case_reference: reference.clone(),
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
                    case_reference: reference.clone(),
                    kind: "outcome".into(),
                    text,
                    recorded_by: by,
                });
            }
        }
        for a in case_actions(conn, id, today)? {
            let (created_at, created_by): (String, String) = conn.query_row(
                "SELECT created_at, created_by FROM action WHERE id = ?1",
                [a.id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
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
                case_reference: reference.clone(),
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
                    case_reference: reference.clone(),
                    kind: "action_update".into(),
                    text,
                    recorded_by: u.recorded_by.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(out)
}

fn case_actions(conn: &Connection, case_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Action>> {
    actions::many(
        conn,
        &format!(
            "{} WHERE a.case_id = ?1 ORDER BY m.date, a.position",
            actions::SELECT
        ),
        &[&case_id],
        today,
    )
}

fn opt(v: Option<&str>) -> String {
    v.map_or_else(|| "Not recorded".into(), str::to_string)
}

/// Everything held about the person in `case_id`, as one document.
pub fn subject_access(
    conn: &Connection,
    case_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<Document> {
    let today = now.date_naive();
    let ids = same_person(conn, case_id)?;
    let requested = cases::get(conn, case_id, today)?;
    let marking = crate::services::panels::get(conn, requested.panel_id)?.protective_marking;
    let mut b = vec![Block::text(format!(
        "Everything Roundtable holds about {} in {} case{} of the panel, prepared on {} in answer to a subject \
             access request. Before it is released, check it for information about other people (linked people, \
             officers, what agencies said) and redact what the law requires.",
        requested.input.subject_name,
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        now.format("%-d %B %Y")
    ))];
    for id in &ids {
        let c = cases::get(conn, *id, today)?;
        let i = &c.input;
        let panel = crate::services::panels::get(conn, c.panel_id)?;
        b.push(Block::heading(
            1,
            format!("Case {} ({})", c.reference, panel.name),
        ));
        let mut pairs = vec![
            ("Name".to_string(), i.subject_name.clone()),
            ("Other names".into(), i.aliases.join(", ")),
            (
                "Date of birth".into(),
                if i.date_of_birth.is_empty() {
                    i.approximate_age.map_or_else(
                        || "Not recorded".into(),
                        |a| format!("Not known; about {a}"),
                    )
                } else {
                    long_date(&i.date_of_birth)
                },
            ),
            ("Gender".into(), opt(i.gender.map(gender_label))),
            ("Ethnicity".into(), opt(i.ethnicity.map(ethnicity_label))),
            ("Disability".into(), opt(i.disability.map(yes_no_label))),
            ("LGBT+".into(), opt(i.lgbt.map(yes_no_label))),
            (
                "Address".into(),
                format!("{} {}", i.address, i.postcode).trim().to_string(),
            ),
            ("School or setting".into(), i.school.clone()),
            (
                "Referred by".into(),
                format!(
                    "{} {}",
                    c.referring_agency_name.clone().unwrap_or_default(),
                    i.referring_officer
                )
                .trim()
                .to_string(),
            ),
            ("Referred on".into(), long_date(&i.referral_date)),
            ("Reason for referral".into(), i.referral_reason.clone()),
            ("Concerns".into(), i.concerns.join(", ")),
            ("Lawful ground for sharing".into(), i.lawful_ground.clone()),
            (
                "Children in the household".into(),
                format!("{} {}", i.children_count, i.children_details)
                    .trim()
                    .to_string(),
            ),
            ("Lead professional".into(), i.lead_professional.clone()),
        ];
        for p in &c.linked_people {
            pairs.push(("Linked person".into(), p.name.clone()));
        }
        pairs.retain(|(_, v)| !v.trim().is_empty());
        b.push(Block::key_values(pairs));
        for h in hearings(conn, *id)? {
            let meeting = parse_id(&h.meeting_id)?;
            let record = running::hearing_record(conn, meeting, *id)?;
            b.push(Block::heading(
                2,
                format!("Heard on {}", long_date(&h.heard_on)),
            ));
            let mut pairs = Vec::new();
            if let Some(r) = risk_words(h.risk_level.as_deref(), h.risk_rag.as_deref()) {
                pairs.push(("Risk".to_string(), r));
            }
            if let Some(s) = &record.summary {
                pairs.push(("Summary".into(), s.clone()));
            }
            if let Some(d) = &record.decisions {
                pairs.push(("Decisions".into(), d.clone()));
            }
            if let Some(o) = record.outcome {
                pairs.push(("Outcome".into(), documents::outcome(o).to_string()));
            }
            if let Some(r) = &record.outcome_reason {
                pairs.push(("Reason".into(), r.clone()));
            }
            if !pairs.is_empty() {
                b.push(Block::key_values(pairs));
            }
            for s in &record.shares {
                b.push(Block::styled(
                    format!(
                        "{} ({}): {}",
                        s.agency_name,
                        s.short_code,
                        documents::share_state(s.state)
                    ),
                    Style::Bold,
                ));
                let mut pairs = Vec::new();
                if let Some(f) = &s.facts {
                    pairs.push(("Facts".to_string(), f.clone()));
                }
                if let Some(o) = &s.opinion {
                    pairs.push(("Opinion".into(), o.clone()));
                }
                if let Some(w) = &s.withheld {
                    pairs.push(("Not shared at the meeting".into(), w.clone()));
                }
                if let Some(r) = &s.withheld_reason {
                    pairs.push(("Why not shared".into(), r.clone()));
                }
                if !pairs.is_empty() {
                    b.push(Block::key_values(pairs));
                }
            }
        }
        let acts = case_actions(conn, *id, today)?;
        if !acts.is_empty() {
            b.push(Block::heading(2, "Actions"));
            b.push(Block::Table {
                columns: vec![
                    Column::new("Agreed", 1.0),
                    Column::new("Agency", 1.4),
                    Column::new("Action", 3.0),
                    Column::new("Due", 1.0),
                    Column::new("Status", 1.4),
                ],
                rows: acts
                    .iter()
                    .map(|a| {
                        vec![
                            short_date(&a.meeting_date),
                            a.agency_name.clone(),
                            a.text.clone(),
                            a.due_date.as_deref().map(short_date).unwrap_or_default(),
                            documents::action_status(a.status).to_string(),
                        ]
                    })
                    .collect(),
            });
        }
    }
    b.push(Block::heading(1, "Timeline"));
    b.push(Block::Table {
        columns: vec![
            Column::new("When", 1.0),
            Column::new("Case", 1.0),
            Column::new("What", 4.0),
            Column::new("Recorded by", 1.4),
        ],
        rows: timeline(conn, case_id, today)?
            .into_iter()
            .map(|e| vec![short_date(&e.at), e.case_reference, e.text, e.recorded_by])
            .collect(),
    });
    Ok(Document {
        title: "Subject access".into(),
        subtitle: format!(
            "{}, case {}",
            requested.input.subject_name, requested.reference
        ),
        marking,
        author: "Roundtable".into(),
        draft: false,
        created_unix: now.timestamp(),
        footer: String::new(),
        keywords: Vec::new(),
        blocks: b,
    })
}

/// The subject access file name: the case reference, never the name.
pub fn file_name(conn: &Connection, case_id: Uuid, now: DateTime<Utc>) -> CoreResult<String> {
    let reference: String = conn
        .query_row(
            "SELECT reference FROM person_case WHERE id = ?1",
            [case_id.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(CoreError::NotFound("That case"))?;
    Ok(documents::file_name(
        "subject access",
        &now.format("%Y-%m-%d").to_string(),
        &reference,
    ))
}

/// Writes the subject access PDF to `folder` and records the export on
/// every case it covers.
pub fn export(
    store: &mut Store,
    case_id: Uuid,
    folder: &std::path::Path,
    replace: bool,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    let doc = subject_access(store.conn(), case_id, now)?;
    let name = file_name(store.conn(), case_id, now)?;
    let bytes = exports::exported_pdf(store.conn(), doc)?;
    let written = exports::write_file(folder, &name, &bytes, replace)?;
    let ids: BTreeSet<Uuid> = same_person(store.conn(), case_id)?.into_iter().collect();
    let actor = store.actor().to_owned();
    store.write(|tx| {
        for id in &ids {
            record_event(
                tx,
                *id,
                "subject_access",
                &format!("Subject access export written: {}.", written.file_name),
                &actor,
            )?;
        }
        Ok(())
    })?;
    Ok(written)
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
