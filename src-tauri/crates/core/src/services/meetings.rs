//! Meetings: setting one up (its agenda builds itself), an emergency panel
//! for one case, a triage meeting, and reading a meeting with its planned
//! timings.

use chrono::{NaiveDate, NaiveTime, Timelike};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::domain::case::CaseStatus;
use crate::domain::meeting::HearingOutcome;
use crate::domain::meeting::{
    AgendaCase, AgendaItem, AgendaItemKind, MeetingDetail, MeetingInput, MeetingKind,
    MeetingSummary,
};
use crate::error::{CoreError, CoreResult};
use crate::services::agenda::{self, AgendaCandidate};
use crate::services::cases::{panel_facts, record_event, ymd};
use crate::services::{now, parse_id};
use crate::store::Store;

fn hhmm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Minutes after midnight as "HH:MM" (past midnight shown as e.g. "25:10"
/// would confuse; clamp to the day and say so elsewhere).
fn clock(start: NaiveTime, plus_minutes: u32) -> String {
    let total = start.hour() * 60 + start.minute() + plus_minutes;
    let total = total.min(23 * 60 + 59);
    format!("{:02}:{:02}", total / 60, total % 60)
}

fn create_meeting(
    store: &mut Store,
    input: &MeetingInput,
    today: NaiveDate,
    emergency_case: Option<Uuid>,
) -> CoreResult<MeetingDetail> {
    let valid = input.validate(today)?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let facts = panel_facts(tx, input.panel_id)?;
        let (minutes_per_case,): (u32,) = tx.query_row(
            "SELECT minutes_per_case FROM panel WHERE id = ?1",
            [input.panel_id.to_string()],
            |r| Ok((r.get(0)?,)),
        )?;
        let panel = input.panel_id.to_string();
        let mut expected = input.expected_agency_ids.clone();
        if expected.is_empty() {
            let members: Vec<String> = tx
                .prepare_cached("SELECT agency_id FROM panel_member WHERE panel_id = ?1")?
                .query_map([&panel], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            expected = members.iter().map(|m| parse_id(m)).collect::<CoreResult<_>>()?;
        }
        for agency in &expected {
            let exists = crate::tables::agencies::exists(tx, *agency)?;
            if !exists {
                return Err(CoreError::field("expected_agency_ids", "One of the expected agencies no longer exists."));
            }
        }
        let emergency = match emergency_case {
            Some(case_id) => {
                let row: Option<(String, u32, String, String, String)> = tx
                    .query_row(
                        "SELECT panel_id, children_count, referral_date, status, reference FROM person_case WHERE id = ?1",
                        [case_id.to_string()],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                    )
                    .optional()?;
                let (case_panel, children, referred, status, reference) = row.ok_or(CoreError::NotFound("That case"))?;
                if case_panel != panel {
                    return Err(CoreError::Conflict("That case belongs to another panel.".into()));
                }
                let status = CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred);
                if matches!(status, CaseStatus::Closed | CaseStatus::Redirected) {
                    return Err(CoreError::Conflict(format!(
                        "Case {reference} is closed or redirected. Record a new referral to convene a panel for it."
                    )));
                }
                let review = matches!(status, CaseStatus::Heard | CaseStatus::UnderReview);
                Some((AgendaCandidate { case_id: case_id.to_string(), children_count: children, referral_date: referred }, review, reference, status))
            }
            None => None,
        };
        let id = Uuid::new_v4().to_string();
        let at = now();
        tx.execute(
            "INSERT INTO meeting (id, panel_id, kind, date, start_time, venue, chair, minute_taker, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                panel,
                input.kind.as_str(),
                ymd(valid.date),
                hhmm(valid.start_time),
                valid.venue,
                valid.chair,
                valid.minute_taker,
                at
            ],
        )?;
        for agency in &expected {
            tx.execute(
                "INSERT OR IGNORE INTO meeting_expected_agency (meeting_id, agency_id) VALUES (?1, ?2)",
                params![id, agency.to_string()],
            )?;
        }
        let date = ymd(valid.date);
        let today = ymd(today);
        let plan = agenda::PlanFor {
            kind: input.kind,
            panel_id: &panel,
            date: &date,
            minutes_per_case,
            window_months: facts.repeat_window_months,
            today: &today,
        };
        let items = agenda::plan_for(tx, &plan, emergency.as_ref().map(|(c, review, _, _)| (c, *review)))?;
        agenda::store_items(tx, &id, &items)?;
        if let Some((case, _, _, status)) = &emergency {
            if matches!(status, CaseStatus::Referred | CaseStatus::Deferred) {
                tx.execute("UPDATE person_case SET status = 'accepted' WHERE id = ?1", [&case.case_id])?;
            }
            record_event(
                tx,
                crate::services::parse_id(&case.case_id)?,
                "emergency_panel",
                &format!("Emergency panel convened for {} at {}.", ymd(valid.date), hhmm(valid.start_time)),
                &actor,
            )?;
        }
        get(tx, parse_id(&id)?)
    })
}

/// Sets up a scheduled or triage meeting; a scheduled meeting's agenda is
/// built from the cases waiting for it.
pub fn create(
    store: &mut Store,
    input: &MeetingInput,
    today: NaiveDate,
) -> CoreResult<MeetingDetail> {
    if input.kind == MeetingKind::Emergency {
        return Err(CoreError::field(
            "kind",
            "An emergency panel is convened from the case it is for.",
        ));
    }
    create_meeting(store, input, today, None)
}

/// Convenes an emergency panel for one case.
pub fn create_emergency(
    store: &mut Store,
    case_id: Uuid,
    input: &MeetingInput,
    today: NaiveDate,
) -> CoreResult<MeetingDetail> {
    let mut input = input.clone();
    input.kind = MeetingKind::Emergency;
    create_meeting(store, &input, today, Some(case_id))
}

pub fn get(conn: &Connection, id: Uuid) -> CoreResult<MeetingDetail> {
    let row = conn
        .query_row(
            "SELECT m.panel_id, p.name, m.kind, m.date, m.start_time, m.venue, m.chair, m.minute_taker, m.status, p.meeting_minutes
             FROM meeting m JOIN panel p ON p.id = m.panel_id WHERE m.id = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                    (r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?, r.get::<_, Option<String>>(7)?, r.get::<_, String>(8)?, r.get::<_, u32>(9)?),
                ))
            },
        )
        .optional()?
        .ok_or(CoreError::NotFound("That meeting"))?;
    let (
        (panel_id, panel_name, kind, date, start_time),
        (venue, chair, minute_taker, status, meeting_minutes),
    ) = row;
    let start = crate::domain::meeting::parse_time(&start_time).unwrap_or(NaiveTime::MIN);

    let expected_agency_ids = conn
        .prepare_cached(
            "SELECT e.agency_id FROM meeting_expected_agency e JOIN agency a ON a.id = e.agency_id
             WHERE e.meeting_id = ?1 ORDER BY a.name COLLATE NOCASE",
        )?
        .query_map([id.to_string()], |r| r.get::<_, String>(0))?
        .map(|r| r.map_err(CoreError::from).and_then(|s| parse_id(&s)))
        .collect::<CoreResult<Vec<_>>>()?;

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.id, i.position, i.kind, i.title, i.planned_minutes,
                c.id, c.reference, c.subject_name, c.status, c.children_count,
                {repeat}, {possible}
         FROM agenda_item i LEFT JOIN person_case c ON c.id = i.case_id
         WHERE i.meeting_id = ?1 ORDER BY i.position",
        repeat = "c.repeat_of IS NOT NULL AND EXISTS (SELECT 1 FROM hearing h JOIN panel p ON p.id = c.panel_id
              WHERE h.case_id = c.repeat_of AND h.heard_on <= c.referral_date
              AND h.heard_on >= date(c.referral_date, '-' || p.repeat_window_months || ' months'))",
        possible = "EXISTS (SELECT 1 FROM repeat_match m WHERE m.case_id = c.id AND m.same_person IS NULL)",
    ))?;
    let rows = stmt
        .query_map([id.to_string()], |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                ),
                (
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<u32>>(9)?,
                    r.get::<_, Option<bool>>(10)?,
                    r.get::<_, Option<bool>>(11)?,
                ),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut items = Vec::with_capacity(rows.len());
    let mut elapsed = 0u32;
    for (
        (item_id, position, kind, title, planned),
        (case_id, reference, name, case_status, children, is_repeat, possible),
    ) in rows
    {
        let case = match (case_id, reference, name) {
            (Some(cid), Some(reference), Some(subject_name)) => Some(AgendaCase {
                id: parse_id(&cid)?,
                reference,
                subject_name,
                status: case_status
                    .as_deref()
                    .and_then(CaseStatus::parse)
                    .unwrap_or(CaseStatus::Accepted),
                children_count: children.unwrap_or(0),
                is_repeat: is_repeat.unwrap_or(false),
                possible_repeat: possible.unwrap_or(false),
            }),
            _ => None,
        };
        items.push(AgendaItem {
            id: parse_id(&item_id)?,
            position,
            kind: AgendaItemKind::parse(&kind).unwrap_or(AgendaItemKind::OtherBusiness),
            title,
            case,
            planned_minutes: planned,
            planned_start: clock(start, elapsed),
        });
        elapsed += planned;
    }
    Ok(MeetingDetail {
        id,
        panel_id: parse_id(&panel_id)?,
        panel_name,
        kind: MeetingKind::parse(&kind).unwrap_or(MeetingKind::Scheduled),
        date,
        start_time: hhmm(start),
        venue,
        chair,
        minute_taker,
        status,
        expected_agency_ids,
        items,
        total_minutes: elapsed,
        projected_end: clock(start, elapsed),
        meeting_minutes,
        over_by_minutes: elapsed.saturating_sub(meeting_minutes),
    })
}

/// Records that `case_id` was heard at `meeting_id` with `outcome`; the case
/// moves on (under review, closed, ...) and its history says so.
pub fn record_hearing(
    store: &mut Store,
    meeting_id: Uuid,
    case_id: Uuid,
    outcome: HearingOutcome,
    review_due: Option<NaiveDate>,
) -> CoreResult<()> {
    let actor = store.actor().to_owned();
    store.write(|tx| record_hearing_in(tx, meeting_id, case_id, outcome, review_due, &actor))
}

pub(crate) fn record_hearing_in(
    tx: &Connection,
    meeting_id: Uuid,
    case_id: Uuid,
    outcome: HearingOutcome,
    review_due: Option<NaiveDate>,
    actor: &str,
) -> CoreResult<()> {
    let date: String = tx
        .query_row(
            "SELECT date FROM meeting WHERE id = ?1",
            [meeting_id.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(CoreError::NotFound("That meeting"))?;
    let status = match outcome {
        HearingOutcome::Continue | HearingOutcome::Escalate => CaseStatus::UnderReview,
        HearingOutcome::Close => CaseStatus::Closed,
        HearingOutcome::Redirect => CaseStatus::Redirected,
        HearingOutcome::Defer => CaseStatus::Deferred,
    };
    let changed = tx.execute(
        "UPDATE person_case SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![case_id.to_string(), status.as_str(), now()],
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound("That case"));
    }
    tx.execute(
        "INSERT INTO hearing (id, case_id, meeting_id, heard_on, outcome, review_due, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (case_id, meeting_id) DO UPDATE SET outcome = excluded.outcome, review_due = excluded.review_due",
        params![
            Uuid::new_v4().to_string(),
            case_id.to_string(),
            meeting_id.to_string(),
            date,
            outcome.as_str(),
            review_due.map(ymd),
            now()
        ],
    )?;
    record_event(
        tx,
        case_id,
        "heard",
        &format!("Heard at the meeting on {date}: {}.", outcome.as_str()),
        actor,
    )?;
    Ok(())
}

/// Marks a meeting as held (it no longer waits for cases).
pub fn mark_held(store: &mut Store, meeting_id: Uuid) -> CoreResult<()> {
    store.write(|tx| {
        let changed = tx.execute(
            "UPDATE meeting SET status = 'held', updated_at = ?2 WHERE id = ?1",
            params![meeting_id.to_string(), now()],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound("That meeting"));
        }
        Ok(())
    })
}

/// Meetings, soonest upcoming first, then the most recent past ones.
pub fn list(conn: &Connection, panel_id: Option<Uuid>) -> CoreResult<Vec<MeetingSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.panel_id, p.name, m.kind, m.date, m.start_time, m.status,
                (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id AND i.case_id IS NOT NULL
                   AND i.kind IN ('new_case', 'review_case'))
         FROM meeting m JOIN panel p ON p.id = m.panel_id
         WHERE ?1 IS NULL OR m.panel_id = ?1
         ORDER BY m.date < date('now'), CASE WHEN m.date >= date('now') THEN m.date END, m.date DESC, m.start_time
         LIMIT 300",
    )?;
    let rows = stmt
        .query_map([panel_id.map(|p| p.to_string())], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, u32>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(
            |(id, panel, panel_name, kind, date, start_time, status, case_count)| {
                Ok(MeetingSummary {
                    id: parse_id(&id)?,
                    panel_id: parse_id(&panel)?,
                    panel_name,
                    kind: MeetingKind::parse(&kind).unwrap_or(MeetingKind::Scheduled),
                    date,
                    start_time,
                    status,
                    case_count,
                })
            },
        )
        .collect()
}
