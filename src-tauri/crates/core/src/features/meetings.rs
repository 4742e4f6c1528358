//! Meetings: setting one up (its agenda builds itself), an emergency panel
//! for one case, a triage meeting, recording hearings and listing
//! meetings; reading one with its planned timings is
//! [`super::meeting_reads`]. Runs on either engine; the SQL is in
//! [`crate::tables::meetings`] and [`crate::tables::agenda`].

use chrono::{NaiveDate, NaiveTime, Timelike};
use uuid::Uuid;

use crate::domain::case::{CaseStatus, CaseStep};
use crate::domain::meeting::HearingOutcome;
use crate::domain::meeting::{MeetingDetail, MeetingInput, MeetingKind, MeetingSummary};
use crate::error::{CoreError, CoreResult};
use crate::features::agenda::{self, AgendaCandidate};
use crate::features::cases::{panel_facts, record_event};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::codec::ymd;
use crate::store::sql::Db;
use crate::tables::meetings as table;

pub(crate) use super::meeting_reads::MeetingReads;
pub use super::meeting_reads::get;

pub(super) fn hhmm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
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
