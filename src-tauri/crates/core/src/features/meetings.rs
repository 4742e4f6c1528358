//! Meetings: setting one up (its agenda builds itself), an emergency panel
//! for one case, a triage meeting, and reading a meeting with its planned
//! timings. Runs on either engine; the SQL is in [`crate::tables::meetings`]
//! and [`crate::tables::agenda`].

use chrono::{NaiveDate, NaiveTime, Timelike};
use uuid::Uuid;

use crate::domain::case::{CaseStatus, CaseStep};
use crate::domain::meeting::HearingOutcome;
use crate::domain::meeting::{
    AgendaCase, AgendaItem, AgendaItemKind, MeetingDetail, MeetingInput, MeetingKind,
    MeetingSummary,
};
use crate::error::{CoreError, CoreResult};
use crate::features::agenda::{self, AgendaCandidate};
use crate::features::cases::{panel_facts, record_event};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::codec::ymd;
use crate::store::sql::{Answers, Batch, Db, Rows, Ticket, Values};
use crate::tables::meetings as table;

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

/// The emergency panel's case: it must be this panel's and still open.
fn emergency_case(
    db: &dyn Db,
    panel_id: Uuid,
    case_id: Uuid,
) -> CoreResult<(AgendaCandidate, bool, CaseStatus)> {
    let (case_panel, children, referred, status, reference) =
        table::emergency_case(db, case_id)?.ok_or(CoreError::NotFound("That case"))?;
    if case_panel != panel_id {
        return Err(CoreError::Conflict(
            "That case belongs to another panel.".into(),
        ));
    }
    let status = CaseStatus::parse(&status).unwrap_or(CaseStatus::Referred);
    if !status.allows(CaseStep::Emergency) {
        return Err(CoreError::Conflict(format!(
            "Case {reference} is closed or redirected. Record a new referral to convene a panel for it."
        )));
    }
    let review = matches!(status, CaseStatus::Heard | CaseStatus::UnderReview);
    let candidate = AgendaCandidate {
        case_id: case_id.to_string(),
        children_count: children,
        referral_date: referred,
    };
    Ok((candidate, review, status))
}

/// The agencies expected: those chosen, or else the panel's members.
fn expected_agencies(db: &dyn Db, input: &MeetingInput) -> CoreResult<Vec<Uuid>> {
    let expected = if input.expected_agency_ids.is_empty() {
        table::panel_members(db, input.panel_id)?
    } else {
        input.expected_agency_ids.clone()
    };
    for agency in &expected {
        if !crate::tables::agencies::exists(db, *agency)? {
            return Err(CoreError::field(
                "expected_agency_ids",
                "One of the expected agencies no longer exists.",
            ));
        }
    }
    Ok(expected)
}

fn create_meeting(
    store: &mut impl Engine,
    input: &MeetingInput,
    today: NaiveDate,
    emergency_case_id: Option<Uuid>,
) -> CoreResult<MeetingDetail> {
    let valid = input.validate(today)?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let facts = panel_facts(tx, input.panel_id)?;
        let minutes_per_case = table::minutes_per_case(tx, input.panel_id)?
            .ok_or(CoreError::NotFound("That panel"))?;
        let expected = expected_agencies(tx, input)?;
        let emergency = emergency_case_id
            .map(|case_id| emergency_case(tx, input.panel_id, case_id))
            .transpose()?;
        let id = Uuid::new_v4();
        let start_time = hhmm(valid.start_time);
        table::insert(
            tx,
            &table::NewMeeting {
                id,
                panel_id: input.panel_id,
                kind: input.kind.as_str(),
                date: valid.date,
                start_time: &start_time,
                venue: &valid.venue,
                chair: &valid.chair,
                minute_taker: &valid.minute_taker,
            },
            &now(),
        )?;
        table::expect_agencies(tx, id, &expected)?;
        let (date, today, panel) = (ymd(valid.date), ymd(today), input.panel_id.to_string());
        let plan = agenda::PlanFor {
            kind: input.kind,
            panel_id: &panel,
            date: &date,
            minutes_per_case,
            window_months: facts.repeat_window_months,
            today: &today,
        };
        let items = agenda::plan_for(
            tx,
            &plan,
            emergency.as_ref().map(|(c, review, _)| (c, *review)),
        )?;
        agenda::store_items(tx, &id.to_string(), &items)?;
        if let Some((case, _, status)) = &emergency {
            let case_id = crate::store::codec::parse_id(&case.case_id)?;
            if matches!(status, CaseStatus::Referred | CaseStatus::Deferred) {
                crate::tables::cases::set_status(tx, case_id, CaseStatus::Accepted, &now())?;
            }
            record_event(
                tx,
                case_id,
                "emergency_panel",
                &format!("Emergency panel convened for {date} at {start_time}."),
                &actor,
            )?;
        }
        get(tx, id)
    })
}

/// Sets up a scheduled or triage meeting; a scheduled meeting's agenda is
/// built from the cases waiting for it.
pub fn create(
    store: &mut impl Engine,
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
    store: &mut impl Engine,
    case_id: Uuid,
    input: &MeetingInput,
    today: NaiveDate,
) -> CoreResult<MeetingDetail> {
    let mut input = input.clone();
    input.kind = MeetingKind::Emergency;
    create_meeting(store, &input, today, Some(case_id))
}

/// One row of the agenda, starting `elapsed` minutes after `start`.
fn agenda_item(r: &Values, start: NaiveTime, elapsed: u32) -> CoreResult<AgendaItem> {
    let (item_id, position, kind, title, planned): (Uuid, u32, String, String, u32) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
    let (case_id, reference, name, case_status): (
        Option<Uuid>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?);
    let (children, is_repeat, possible): (Option<u32>, Option<bool>, Option<bool>) =
        (r.get(9)?, r.get(10)?, r.get(11)?);
    let case = match (case_id, reference, name) {
        (Some(cid), Some(reference), Some(subject_name)) => Some(AgendaCase {
            id: cid,
            reference,
            subject_name,
            status: case_status
                .as_deref()
                .and_then(CaseStatus::parse)
                .unwrap_or(CaseStatus::Accepted),
            children_count: children.unwrap_or(0),
            is_repeat: is_repeat.unwrap_or(false),
            possible_repeat: possible.unwrap_or(false),
            keep_apart_with: Vec::new(),
        }),
        _ => None,
    };
    Ok(AgendaItem {
        id: item_id,
        position,
        kind: AgendaItemKind::parse(&kind).unwrap_or(AgendaItemKind::OtherBusiness),
        title,
        case,
        planned_minutes: planned,
        planned_start: clock(start, elapsed),
    })
}

pub fn get(db: &dyn Db, id: Uuid) -> CoreResult<MeetingDetail> {
    let mut batch = Batch::new();
    let reads = MeetingReads::add(&mut batch, db, id);
    reads.detail(&mut batch.run(db)?)
}

/// What [`get`] reads first, three queries sent together (one wait on
/// PostgreSQL, not three), and which the cockpit sends with its own.
pub(crate) struct MeetingReads {
    id: Uuid,
    head: Ticket,
    expected: Ticket,
    agenda: Ticket,
    keep_apart: Rows<(Uuid, String)>,
}

impl MeetingReads {
    pub(crate) fn add(batch: &mut Batch, db: &dyn Db, id: Uuid) -> Self {
        Self {
            id,
            head: batch.add(table::LOAD, &[&id]),
            expected: batch.add(table::expected_agencies_sql(db), &[&id]),
            agenda: batch.add(crate::tables::agenda::rows_sql(db), &[&id]),
            keep_apart: batch.rows(
                crate::tables::agenda::keep_apart_names_sql(db),
                &[&id],
                crate::tables::agenda::keep_apart_name,
            ),
        }
    }

    /// The meeting from the answers, its agenda's keep-apart pairs marked.
    pub(crate) fn detail(self, answers: &mut Answers) -> CoreResult<MeetingDetail> {
        let id = self.id;
        let head = answers.take(self.head)?;
        let head = head.first().ok_or(CoreError::NotFound("That meeting"))?;
        let expected_agency_ids = answers
            .take(self.expected)?
            .iter()
            .map(|r| r.get(0))
            .collect::<CoreResult<Vec<Uuid>>>()?;
        let rows = answers.take(self.agenda)?;
        let keep_apart = answers.rows(self.keep_apart)?;
        assemble(id, head, expected_agency_ids, rows, keep_apart)
    }
}

fn assemble(
    id: Uuid,
    head: &Values,
    expected_agency_ids: Vec<Uuid>,
    rows: Vec<Values>,
    keep_apart: Vec<(Uuid, String)>,
) -> CoreResult<MeetingDetail> {
    let (panel_id, panel_name, kind, date, start_time): (Uuid, String, String, String, String) = (
        head.get(0)?,
        head.get(1)?,
        head.get(2)?,
        head.get(3)?,
        head.get(4)?,
    );
    let (venue, chair, minute_taker, status, meeting_minutes): (
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        u32,
    ) = (
        head.get(5)?,
        head.get(6)?,
        head.get(7)?,
        head.get(8)?,
        head.get(9)?,
    );
    let start = crate::domain::meeting::parse_time(&start_time).unwrap_or(NaiveTime::MIN);
    let mut items = Vec::with_capacity(rows.len());
    let mut name_keys = Vec::with_capacity(rows.len());
    let mut elapsed = 0u32;
    for r in rows {
        let item = agenda_item(&r, start, elapsed)?;
        elapsed += item.planned_minutes;
        if let (Some(case), Some(key)) = (&item.case, r.get::<Option<String>>(12)?) {
            name_keys.push((case.id, key));
        }
        items.push(item);
    }
    super::keep_apart::mark(&mut items, &name_keys, keep_apart);
    Ok(MeetingDetail {
        id,
        panel_id,
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
    store: &mut impl Engine,
    meeting_id: Uuid,
    case_id: Uuid,
    outcome: HearingOutcome,
    review_due: Option<NaiveDate>,
) -> CoreResult<()> {
    let actor = store.actor().to_owned();
    store.write(|tx| record_hearing_in(tx, meeting_id, case_id, outcome, review_due, &actor))
}

pub(crate) fn record_hearing_in(
    tx: &dyn Db,
    meeting_id: Uuid,
    case_id: Uuid,
    outcome: HearingOutcome,
    review_due: Option<NaiveDate>,
    actor: &str,
) -> CoreResult<()> {
    let date = table::date_of(tx, meeting_id)?.ok_or(CoreError::NotFound("That meeting"))?;
    let status = match outcome {
        HearingOutcome::Continue | HearingOutcome::Escalate => CaseStatus::UnderReview,
        HearingOutcome::Close => CaseStatus::Closed,
        HearingOutcome::Redirect => CaseStatus::Redirected,
        HearingOutcome::Defer => CaseStatus::Deferred,
    };
    if crate::tables::cases::panel_of(tx, case_id)?.is_none() {
        return Err(CoreError::NotFound("That case"));
    }
    crate::tables::cases::set_status(tx, case_id, status, &now())?;
    table::record_hearing(
        tx,
        (case_id, meeting_id, &date),
        outcome.as_str(),
        review_due,
        &now(),
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
pub fn mark_held(store: &mut impl Engine, meeting_id: Uuid) -> CoreResult<()> {
    store.write(|tx| {
        if !table::set_held(tx, meeting_id, &now())? {
            return Err(CoreError::NotFound("That meeting"));
        }
        Ok(())
    })
}

/// Meetings, soonest upcoming first, then the most recent past ones.
pub fn list(db: &dyn Db, panel_id: Option<Uuid>) -> CoreResult<Vec<MeetingSummary>> {
    let today = chrono::Utc::now().date_naive();
    table::list(db, panel_id, today)?
        .into_iter()
        .map(|r| {
            let kind: String = r.get(3)?;
            Ok(MeetingSummary {
                id: r.get(0)?,
                panel_id: r.get(1)?,
                panel_name: r.get(2)?,
                kind: MeetingKind::parse(&kind).unwrap_or(MeetingKind::Scheduled),
                date: r.get(4)?,
                start_time: r.get(5)?,
                status: r.get(6)?,
                case_count: r.get(7)?,
            })
        })
        .collect()
}
