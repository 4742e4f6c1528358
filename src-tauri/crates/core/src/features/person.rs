//! One person across the panel's records: every referral of theirs (a repeat
//! referral is a new case pointing at the earlier one), the timeline of all
//! that happened to those cases, and the subject access export.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use roundtable_pdf::{Block, Column, Document, Style};
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::features::cases::{self, record_event};
use crate::features::documents::{self, long_date, short_date};
use crate::features::exports::{self, WrittenFile};
use crate::features::running;
use crate::features::statistics::{ethnicity_label, gender_label, yes_no_label};
use crate::store::Engine;
use crate::store::codec::parse_id;
use crate::store::sql::Db;

use super::timeline::{HearingRow, case_actions, hearings, risk_words};
pub use super::timeline::{TimelineEntry, timeline};
use crate::domain::action::Action;
use crate::domain::case::CaseDetail;

/// The case and every case of the same person (confirmed repeats, either
/// way, however far back), oldest referral first.
pub fn same_person(conn: &dyn Db, case_id: Uuid) -> CoreResult<Vec<Uuid>> {
    let ids = crate::tables::person::same_person(conn, case_id)?;
    if ids.is_empty() {
        return Err(CoreError::NotFound("That case"));
    }
    Ok(ids)
}

fn opt(v: Option<&str>) -> String {
    v.map_or_else(|| "Not recorded".into(), str::to_string)
}

/// Everything held about the person in `case_id`, as one document.
pub fn subject_access(conn: &dyn Db, case_id: Uuid, now: DateTime<Utc>) -> CoreResult<Document> {
    let today = now.date_naive();
    let ids = same_person(conn, case_id)?;
    let requested = cases::get(conn, case_id, today)?;
    let marking = crate::features::panels::get(conn, requested.panel_id)?.protective_marking;
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
        let panel = crate::features::panels::get(conn, c.panel_id)?;
        b.push(Block::heading(
            1,
            format!("Case {} ({})", c.reference, panel.name),
        ));
        b.push(case_facts(&c));
        dash_checklists(&mut b, &c);
        for h in hearings(conn, *id)? {
            hearing(&mut b, conn, *id, &h)?;
        }
        let acts = case_actions(conn, *id, today)?;
        if !acts.is_empty() {
            b.push(Block::heading(2, "Actions"));
            b.push(actions_table(&acts));
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

/// The case's fields as the form shows them, the empty ones left out.
fn case_facts(c: &CaseDetail) -> Block {
    let i = &c.input;
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
    Block::key_values(pairs)
}

/// Every Dash checklist on the case with its answers: the person's own
/// answers are theirs to see.
fn dash_checklists(b: &mut Vec<Block>, c: &CaseDetail) {
    for d in &c.dash {
        b.push(Block::heading(
            2,
            format!(
                "Dash checklist of {}: {} of {}{}",
                long_date(&d.completed_on),
                d.score,
                d.questions,
                if d.visible_high_risk {
                    ", visible high risk"
                } else {
                    ""
                }
            ),
        ));
        b.push(Block::text(format!("Completed by {}.", d.completed_by)));
        if d.from_list {
            continue;
        }
        b.push(Block::Table {
            columns: vec![
                Column::new("Question", 4.0),
                Column::new("Answer", 1.0),
                Column::new("Where it came from", 2.0),
            ],
            rows: d
                .version
                .questions()
                .iter()
                .zip(&d.answers)
                .map(|((n, _, q), a)| {
                    vec![
                        format!("{n}. {q}"),
                        a.answer.map(yes_no_label).unwrap_or_default().to_owned(),
                        a.source.clone(),
                    ]
                })
                .collect(),
        });
    }
}

/// One hearing: its risk, summary, decisions and outcome, and what each
/// agency shared.
fn hearing(b: &mut Vec<Block>, conn: &dyn Db, case_id: Uuid, h: &HearingRow) -> CoreResult<()> {
    let meeting = parse_id(&h.meeting_id)?;
    let record = running::hearing_record(conn, meeting, case_id)?;
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
    Ok(())
}

fn actions_table(acts: &[Action]) -> Block {
    Block::Table {
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
    }
}

/// The subject access file name: the case reference, never the name.
pub fn file_name(conn: &dyn Db, case_id: Uuid, now: DateTime<Utc>) -> CoreResult<String> {
    let reference = crate::tables::cases::reference_of(conn, case_id)?
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
    store: &mut impl Engine,
    case_id: Uuid,
    folder: &std::path::Path,
    replace: bool,
    encryption: Option<&crate::features::sealing::Encryption>,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    let dir = exports::folder(folder)?;
    crate::features::sealing::checked(encryption, None)?;
    let (name, bytes, ids) = store.read(|db| subject_access_file(db, case_id, now))?;
    let sealed = crate::features::sealing::seal(bytes, encryption, None)?;
    let what = ("person_case", case_id, "Subject access export");
    let written = exports::write_sealed(store, (&dir, &name, replace), sealed, what)?;
    record_subject_access(store, &ids, &format!("written: {}", written.file_name))?;
    Ok(written)
}

/// The subject access PDF (its name and bytes) and every case it covers.
pub(crate) fn subject_access_file(
    db: &dyn Db,
    case_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<(String, Vec<u8>, BTreeSet<Uuid>)> {
    let doc = subject_access(db, case_id, now)?;
    let ids: BTreeSet<Uuid> = same_person(db, case_id)?.into_iter().collect();
    Ok((
        file_name(db, case_id, now)?,
        exports::exported_pdf(db, doc)?,
        ids,
    ))
}

/// Records a subject access export on every case it covers ("written:
/// file" or "downloaded: file").
pub(crate) fn record_subject_access(
    store: &mut impl Engine,
    ids: &BTreeSet<Uuid>,
    how: &str,
) -> CoreResult<()> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        for id in ids {
            record_event(
                tx,
                *id,
                "subject_access",
                &format!("Subject access export {how}."),
                &actor,
            )?;
        }
        Ok(())
    })
}
