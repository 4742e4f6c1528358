//! Running a meeting: attendance, what each agency shares about a case, the
//! panel's assessment and outcome, and the agenda's timers. Every call is
//! one small transaction, so a crash loses at most the edit in flight.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::domain::action::parse_due;
use crate::domain::meeting::{HearingOutcome, parse_time};
use crate::domain::running::{
    AgencyAttendance, AssessmentInput, AttendanceStatus, Attendee, AttendeeInput, HearingRecord,
    OutcomeInput, Rag, RiskLevel, Share, ShareInput, ShareState,
};
use crate::error::{CoreError, CoreResult};
use crate::services::approval;
use crate::services::meetings::record_hearing_in;
use crate::services::{now, parse_id};
use crate::store::Store;
use crate::validate::Validator;

fn meeting_exists(conn: &Connection, meeting_id: Uuid) -> CoreResult<String> {
    conn.query_row(
        "SELECT date FROM meeting WHERE id = ?1",
        [meeting_id.to_string()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(CoreError::NotFound("That meeting"))
}

// ---- Attendance -----------------------------------------------------------

pub fn set_agency_attendance(
    store: &mut Store,
    meeting_id: Uuid,
    agency_id: Uuid,
    status: AttendanceStatus,
) -> CoreResult<Vec<AgencyAttendance>> {
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        approval::ensure_editable(tx, &meeting_id.to_string())?;
        tx.execute(
            "INSERT INTO agency_attendance (meeting_id, agency_id, status) VALUES (?1, ?2, ?3)
             ON CONFLICT (meeting_id, agency_id) DO UPDATE SET status = excluded.status",
            params![
                meeting_id.to_string(),
                agency_id.to_string(),
                status.as_str()
            ],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ffi::ErrorCode::ConstraintViolation) => {
                CoreError::NotFound("That agency")
            }
            _ => e.into(),
        })?;
        attendance(tx, meeting_id)
    })
}

/// Every agency expected or recorded, with its attendance.
pub fn attendance(conn: &Connection, meeting_id: Uuid) -> CoreResult<Vec<AgencyAttendance>> {
    let rows: Vec<(String, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT g.id, g.name, g.short_code, a.status FROM agency g
             LEFT JOIN agency_attendance a ON a.agency_id = g.id AND a.meeting_id = ?1
             WHERE a.status IS NOT NULL
                OR g.id IN (SELECT agency_id FROM meeting_expected_agency WHERE meeting_id = ?1)
             ORDER BY g.name COLLATE NOCASE",
        )?
        .query_map([meeting_id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, agency_name, short_code, status)| {
            Ok(AgencyAttendance {
                agency_id: parse_id(&id)?,
                agency_name,
                short_code,
                status: status.as_deref().and_then(AttendanceStatus::parse),
            })
        })
        .collect()
}

struct ValidAttendee {
    agency_id: Option<String>,
    name: String,
    role: Option<String>,
    arrived_at: Option<String>,
    left_at: Option<String>,
}

fn check_attendee(input: &AttendeeInput) -> CoreResult<ValidAttendee> {
    let mut v = Validator::new();
    let name = v.required("name", "the attendee's name", &input.name, 120);
    let role = v.optional("role", "their role", &input.role, 120);
    let mut time = |field: &str, text: &str| match text.trim() {
        "" => None,
        typed => match parse_time(typed) {
            Some(t) => Some(t.format("%H:%M").to_string()),
            None => {
                v.add(field, "Enter the time on the 24-hour clock, like 10:45.");
                None
            }
        },
    };
    let arrived_at = time("arrived_at", &input.arrived_at);
    let left_at = time("left_at", &input.left_at);
    v.finish()?;
    Ok(ValidAttendee {
        agency_id: input.agency_id.map(|a| a.to_string()),
        name,
        role,
        arrived_at,
        left_at,
    })
}

pub fn add_attendee(
    store: &mut Store,
    meeting_id: Uuid,
    input: &AttendeeInput,
) -> CoreResult<Vec<Attendee>> {
    let a = check_attendee(input)?;
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        approval::ensure_editable(tx, &meeting_id.to_string())?;
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM attendee WHERE meeting_id = ?1",
            [meeting_id.to_string()],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO attendee (id, meeting_id, agency_id, position, name, role, acknowledged, arrived_at, left_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![Uuid::new_v4().to_string(), meeting_id.to_string(), a.agency_id, position, a.name, a.role, input.acknowledged, a.arrived_at, a.left_at],
        )?;
        attendees(tx, meeting_id)
    })
}

pub fn update_attendee(
    store: &mut Store,
    attendee_id: Uuid,
    input: &AttendeeInput,
) -> CoreResult<Vec<Attendee>> {
    let a = check_attendee(input)?;
    store.write(|tx| {
        let meeting: String = tx
            .query_row("SELECT meeting_id FROM attendee WHERE id = ?1", [attendee_id.to_string()], |r| r.get(0))
            .optional()?
            .ok_or(CoreError::NotFound("That attendee"))?;
        approval::ensure_editable(tx, &meeting)?;
        tx.execute(
            "UPDATE attendee SET agency_id = ?2, name = ?3, role = ?4, acknowledged = ?5, arrived_at = ?6, left_at = ?7 WHERE id = ?1",
            params![attendee_id.to_string(), a.agency_id, a.name, a.role, input.acknowledged, a.arrived_at, a.left_at],
        )?;
        attendees(tx, parse_id(&meeting)?)
    })
}

/// id, agency, name, role, acknowledged, arrived, left
type AttendeeRow = (
    String,
    Option<String>,
    String,
    Option<String>,
    bool,
    Option<String>,
    Option<String>,
);

pub fn attendees(conn: &Connection, meeting_id: Uuid) -> CoreResult<Vec<Attendee>> {
    let rows: Vec<AttendeeRow> = conn
        .prepare_cached(
            "SELECT id, agency_id, name, role, acknowledged, arrived_at, left_at FROM attendee WHERE meeting_id = ?1 ORDER BY position",
        )?
        .query_map([meeting_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(
            |(id, agency, name, role, acknowledged, arrived_at, left_at)| {
                Ok(Attendee {
                    id: parse_id(&id)?,
                    agency_id: agency.as_deref().map(parse_id).transpose()?,
                    name,
                    role,
                    acknowledged,
                    arrived_at,
                    left_at,
                })
            },
        )
        .collect()
}

// ---- Information sharing and the hearing record ---------------------------

fn ensure_hearing(conn: &Connection, meeting_id: Uuid, case_id: Uuid) -> CoreResult<()> {
    let date = meeting_exists(conn, meeting_id)?;
    approval::ensure_editable(conn, &meeting_id.to_string())?;
    let on_agenda = conn
        .query_row(
            "SELECT 1 FROM agenda_item WHERE meeting_id = ?1 AND case_id = ?2",
            params![meeting_id.to_string(), case_id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !on_agenda {
        return Err(CoreError::Conflict(
            "That case is not on this meeting's agenda.".into(),
        ));
    }
    conn.execute(
        "INSERT OR IGNORE INTO hearing (id, case_id, meeting_id, heard_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![Uuid::new_v4().to_string(), case_id.to_string(), meeting_id.to_string(), date, now()],
    )?;
    Ok(())
}

pub fn share(
    store: &mut Store,
    meeting_id: Uuid,
    case_id: Uuid,
    agency_id: Uuid,
    input: &ShareInput,
) -> CoreResult<HearingRecord> {
    let mut v = Validator::new();
    let facts = v.optional_multiline("facts", "what the agency holds", &input.facts, 20_000);
    let opinion = v.optional_multiline("opinion", "the agency's opinion", &input.opinion, 10_000);
    let withheld = v.optional_multiline("withheld", "what was not shared", &input.withheld, 5_000);
    let withheld_reason = v.optional_multiline(
        "withheld_reason",
        "why it was not shared",
        &input.withheld_reason,
        5_000,
    );
    if withheld.is_some() && withheld_reason.is_none() {
        v.add("withheld_reason", "Say why this was not shared.");
    }
    v.finish()?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        ensure_hearing(tx, meeting_id, case_id)?;
        let agency_exists = crate::tables::agencies::exists(tx, agency_id)?;
        if !agency_exists {
            return Err(CoreError::NotFound("That agency"));
        }
        tx.execute(
            "INSERT INTO information_share (meeting_id, case_id, agency_id, state, facts, opinion, withheld, withheld_reason, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (meeting_id, case_id, agency_id) DO UPDATE SET state = excluded.state, facts = excluded.facts,
                opinion = excluded.opinion, withheld = excluded.withheld, withheld_reason = excluded.withheld_reason,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            params![
                meeting_id.to_string(), case_id.to_string(), agency_id.to_string(), input.state.as_str(),
                facts, opinion, withheld, withheld_reason, now(), actor
            ],
        )?;
        hearing_record(tx, meeting_id, case_id)
    })
}

pub fn assess(
    store: &mut Store,
    meeting_id: Uuid,
    case_id: Uuid,
    input: &AssessmentInput,
) -> CoreResult<HearingRecord> {
    let mut v = Validator::new();
    let summary = v.optional_multiline("summary", "the summary", &input.summary, 10_000);
    let decisions = v.optional_multiline("decisions", "the decisions", &input.decisions, 10_000);
    let who_tells = v.optional(
        "who_tells",
        "who will tell them the plan",
        &input.who_tells,
        200,
    );
    if let Some(l) = input.likelihood {
        v.range("likelihood", "likelihood", l, 1, 3);
    }
    if let Some(i) = input.impact {
        v.range("impact", "impact", i, 1, 3);
    }
    v.finish()?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        ensure_hearing(tx, meeting_id, case_id)?;
        tx.execute(
            "UPDATE hearing SET summary = ?3, risk_level = ?4, risk_rag = ?5, risk_likelihood = ?6, risk_impact = ?7,
                decisions = ?8, who_tells = ?9, updated_at = ?10, recorded_by = ?11
             WHERE meeting_id = ?1 AND case_id = ?2",
            params![
                meeting_id.to_string(), case_id.to_string(), summary, input.risk_level.map(RiskLevel::as_str),
                input.risk_rag.map(Rag::as_str), input.likelihood, input.impact, decisions, who_tells, now(), actor
            ],
        )?;
        hearing_record(tx, meeting_id, case_id)
    })
}

/// The panel's outcome for the case; the case moves on accordingly.
pub fn decide(
    store: &mut Store,
    meeting_id: Uuid,
    case_id: Uuid,
    input: &OutcomeInput,
    today: NaiveDate,
) -> CoreResult<HearingRecord> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        ensure_hearing(tx, meeting_id, case_id)?;
        let mut v = Validator::new();
        let reason = v.optional_multiline("reason", "the reason", &input.reason, 2_000);
        let review_due = if input.outcome == HearingOutcome::Continue {
            let meeting_date = NaiveDate::parse_from_str(&meeting_exists(tx, meeting_id)?, "%Y-%m-%d").unwrap_or(today);
            let next: Option<String> = tx
                .query_row(
                    "SELECT min(m.date) FROM meeting m JOIN meeting this ON this.id = ?1
                     WHERE m.panel_id = this.panel_id AND m.date > this.date AND m.kind = 'scheduled'",
                    [meeting_id.to_string()],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let next = next.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            match parse_due(&input.review, meeting_date, next, today) {
                Ok(d) => d,
                Err(message) => {
                    v.add("review", message.replace("due date", "review date"));
                    None
                }
            }
        } else {
            if reason.is_none() {
                v.add("reason", match input.outcome {
                    HearingOutcome::Close => "Say why the case closes.",
                    HearingOutcome::Escalate => "Say where the case is escalated to, for example child protection.",
                    HearingOutcome::Redirect => "Say which service the case goes to, and why.",
                    _ => "Say why the case is deferred.",
                });
            }
            None
        };
        v.finish()?;
        record_hearing_in(tx, meeting_id, case_id, input.outcome, review_due, &actor)?;
        tx.execute(
            "UPDATE hearing SET outcome_reason = ?3, updated_at = ?4, recorded_by = ?5 WHERE meeting_id = ?1 AND case_id = ?2",
            params![meeting_id.to_string(), case_id.to_string(), reason, now(), actor],
        )?;
        hearing_record(tx, meeting_id, case_id)
    })
}

/// agency id, name, short code, state, facts, opinion, withheld, why, by
type ShareRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

pub fn hearing_record(
    conn: &Connection,
    meeting_id: Uuid,
    case_id: Uuid,
) -> CoreResult<HearingRecord> {
    type H = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<u32>,
        Option<u32>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let h: Option<H> = conn
        .query_row(
            "SELECT summary, risk_level, risk_rag, risk_likelihood, risk_impact, decisions, who_tells, outcome, outcome_reason, review_due
             FROM hearing WHERE meeting_id = ?1 AND case_id = ?2",
            params![meeting_id.to_string(), case_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?)),
        )
        .optional()?;
    let (
        summary,
        level,
        rag,
        likelihood,
        impact,
        decisions,
        who_tells,
        outcome,
        outcome_reason,
        review_due,
    ) = h.unwrap_or_default();
    let rows: Vec<ShareRow> = conn
        .prepare_cached(
            "SELECT s.agency_id, g.name, g.short_code, s.state, s.facts, s.opinion, s.withheld, s.withheld_reason, s.updated_by
             FROM information_share s JOIN agency g ON g.id = s.agency_id
             WHERE s.meeting_id = ?1 AND s.case_id = ?2 ORDER BY g.name COLLATE NOCASE",
        )?
        .query_map(params![meeting_id.to_string(), case_id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut shares = Vec::new();
    for (
        agency,
        agency_name,
        short_code,
        state,
        facts,
        opinion,
        withheld,
        withheld_reason,
        updated_by,
    ) in rows
    {
        shares.push(Share {
            agency_id: parse_id(&agency)?,
            agency_name,
            short_code,
            state: ShareState::parse(&state).unwrap_or(ShareState::NotKnown),
            facts,
            opinion,
            withheld,
            withheld_reason,
            updated_by,
        });
    }
    // Who the chair still expects to hear from: agencies present or that
    // sent information in writing; before attendance is taken, every
    // expected agency.
    let all = attendance(conn, meeting_id)?;
    let taken = all.iter().any(|a| a.status.is_some());
    let not_yet_heard = all
        .into_iter()
        .filter(|a| match a.status {
            Some(AttendanceStatus::Present | AttendanceStatus::SentInWriting) => true,
            Some(AttendanceStatus::Apologies | AttendanceStatus::Absent) => false,
            None => !taken,
        })
        .filter(|a| !shares.iter().any(|s| s.agency_id == a.agency_id))
        .collect();
    Ok(HearingRecord {
        summary,
        risk_level: level.as_deref().and_then(RiskLevel::parse),
        risk_rag: rag.as_deref().and_then(Rag::parse),
        likelihood,
        impact,
        risk_score: likelihood.zip(impact).map(|(l, i)| l * i),
        decisions,
        who_tells,
        outcome: outcome.as_deref().and_then(HearingOutcome::parse),
        outcome_reason,
        review_due,
        shares,
        not_yet_heard,
    })
}

// ---- Item timers ----------------------------------------------------------

/// Seconds spent on an item, counting a running timer up to `at`.
fn spent(actual: i64, started: Option<&str>, at: DateTime<Utc>) -> i64 {
    let running = started
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|s| (at - s.with_timezone(&Utc)).num_seconds().max(0))
        .unwrap_or(0);
    actual + running
}

/// Stops any running timer in the meeting, banking its seconds.
fn stop_timers(conn: &Connection, meeting_id: &str, at: DateTime<Utc>) -> CoreResult<()> {
    let running: Vec<(String, i64, String)> = conn
        .prepare_cached("SELECT id, actual_seconds, timer_started_at FROM agenda_item WHERE meeting_id = ?1 AND timer_started_at IS NOT NULL")?
        .query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (id, actual, started) in running {
        conn.execute(
            "UPDATE agenda_item SET actual_seconds = ?2, timer_started_at = NULL WHERE id = ?1",
            params![id, spent(actual, Some(&started), at)],
        )?;
    }
    Ok(())
}

/// Banks the running timer and marks the current item done.
fn finish_current_item(conn: &Connection, meeting_id: &str, at: DateTime<Utc>) -> CoreResult<()> {
    stop_timers(conn, meeting_id, at)?;
    conn.execute(
        "UPDATE agenda_item SET status = 'done' WHERE meeting_id = ?1 AND status = 'current'",
        [meeting_id],
    )?;
    Ok(())
}

/// Makes `item_id` the current item and starts its timer; the item before it
/// is marked done (its time kept).
pub fn go_to_item(
    store: &mut Store,
    meeting_id: Uuid,
    item_id: Uuid,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        let belongs = tx
            .query_row(
                "SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2",
                params![item_id.to_string(), meeting_id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !belongs {
            return Err(CoreError::NotFound("That agenda item"));
        }
        let m = meeting_id.to_string();
        finish_current_item(tx, &m, at)?;
        tx.execute(
            "UPDATE agenda_item SET status = 'current', timer_started_at = ?2 WHERE id = ?1",
            params![item_id.to_string(), at.to_rfc3339()],
        )?;
        tx.execute(
            "UPDATE meeting SET current_item_id = ?2, started_at = coalesce(started_at, ?3), updated_at = ?3 WHERE id = ?1",
            params![m, item_id.to_string(), at.to_rfc3339()],
        )?;
        Ok(())
    })
}

/// Ends the meeting: the running timer is banked, the current item is done,
/// and the meeting is held.
pub fn close(store: &mut Store, meeting_id: Uuid, at: DateTime<Utc>) -> CoreResult<()> {
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        let m = meeting_id.to_string();
        finish_current_item(tx, &m, at)?;
        tx.execute(
            "UPDATE meeting SET current_item_id = NULL, status = 'held', updated_at = ?2 WHERE id = ?1",
            params![m, at.to_rfc3339()],
        )?;
        Ok(())
    })
}

/// Pauses (or resumes) the current item's timer.
pub fn toggle_timer(store: &mut Store, meeting_id: Uuid, at: DateTime<Utc>) -> CoreResult<bool> {
    store.write(|tx| {
        let current: Option<String> = tx
            .query_row(
                "SELECT current_item_id FROM meeting WHERE id = ?1",
                [meeting_id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(CoreError::NotFound("That meeting"))?;
        let Some(item) = current else {
            return Err(CoreError::Conflict(
                "No item is under way yet. Start the first item.".into(),
            ));
        };
        let running: Option<String> = tx.query_row(
            "SELECT timer_started_at FROM agenda_item WHERE id = ?1",
            [&item],
            |r| r.get(0),
        )?;
        if running.is_some() {
            stop_timers(tx, &meeting_id.to_string(), at)?;
            Ok(false)
        } else {
            tx.execute(
                "UPDATE agenda_item SET timer_started_at = ?2 WHERE id = ?1",
                params![item, at.to_rfc3339()],
            )?;
            Ok(true)
        }
    })
}

/// Seconds spent on each item so far, by item id, as of `at`.
pub fn item_seconds(
    conn: &Connection,
    meeting_id: Uuid,
    at: DateTime<Utc>,
) -> CoreResult<Vec<(Uuid, String, i64)>> {
    let rows: Vec<(String, String, i64, Option<String>)> = conn
        .prepare_cached("SELECT id, status, actual_seconds, timer_started_at FROM agenda_item WHERE meeting_id = ?1 ORDER BY position")?
        .query_map([meeting_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, status, actual, started)| {
            Ok((
                parse_id(&id)?,
                status,
                spent(actual, started.as_deref(), at),
            ))
        })
        .collect()
}
