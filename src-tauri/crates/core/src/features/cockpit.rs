//! What the chair's cockpit shows, assembled in one call each: the meeting
//! with live timings and the projected end, and everything about the case
//! under discussion.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::action::Action;
use crate::domain::case::CaseDetail;
use crate::domain::meeting::{HearingOutcome, MeetingDetail};
use crate::domain::running::{AgencyAttendance, Attendee, HearingRecord, Rag, RiskLevel};
use crate::error::CoreResult;
use crate::features::case_reads::CaseReads;
use crate::features::{actions, hearings, meetings, running};
use crate::store::sql::Batch;
use crate::tables::action_updates;
use crate::tables::actions as actions_table;
use crate::tables::running as running_table;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ItemTiming {
    pub item_id: Uuid,
    /// "done", "current" or "to_come".
    pub status: String,
    pub planned_minutes: u32,
    pub spent_seconds: u32,
    /// Seconds past the planned time (0 while within it).
    pub overrun_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingNow {
    pub meeting: MeetingDetail,
    pub timings: Vec<ItemTiming>,
    pub current_item_id: Option<Uuid>,
    pub timer_running: bool,
    /// "HH:MM": now plus what is left of the current item and the items to come.
    pub projected_end: String,
    pub attendance: Vec<AgencyAttendance>,
    pub attendees: Vec<Attendee>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PastHearing {
    pub heard_on: String,
    pub outcome: Option<HearingOutcome>,
    pub risk_level: Option<RiskLevel>,
    pub risk_rag: Option<Rag>,
}

/// Everything the cockpit shows for one case at one meeting.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseInMeeting {
    pub case: CaseDetail,
    /// Earlier hearings, oldest first: risk over time and outcomes.
    pub history: Vec<PastHearing>,
    pub record: HearingRecord,
    /// Open actions on this case from earlier meetings.
    pub open_actions: Vec<Action>,
    /// Actions agreed for this case at this meeting.
    pub agreed_here: Vec<Action>,
}

fn clock(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// The meeting as it stands at `now` (`local_now` is the same moment on the
/// laptop's clock, for the projected end).
pub fn meeting_now(
    conn: &dyn crate::store::sql::Db,
    meeting_id: Uuid,
    now: DateTime<Utc>,
    local_now: NaiveDateTime,
) -> CoreResult<MeetingNow> {
    // Everything goes to PostgreSQL at once; the clocks come with the
    // meeting's heading and agenda.
    let mut batch = Batch::new();
    let reads = meetings::MeetingReads::add(&mut batch, conn, meeting_id, true);
    let attending = running_table::attendance_in(&mut batch, conn, meeting_id);
    let attendees = batch.add(running_table::ATTENDEES, &[&meeting_id]);
    let mut answers = batch.run(conn)?;
    let (meeting, clocks) = reads.detail_and_clocks(&mut answers)?;
    let timer_running = clocks
        .items
        .iter()
        .any(|(_, _, _, started)| started.is_some());
    let seconds = crate::features::timers::seconds_of(clocks.items, now);
    let (current_item_id, started) = (clocks.current_item_id, clocks.started);
    let mut timings = Vec::new();
    let mut remaining_secs: i64 = 0;
    for item in &meeting.items {
        let (status, spent) = seconds
            .iter()
            .find(|(id, _, _)| *id == item.id)
            .map(|(_, s, spent)| (s.clone(), *spent))
            .unwrap_or_else(|| ("to_come".into(), 0));
        let planned = i64::from(item.planned_minutes) * 60;
        match status.as_str() {
            "current" => remaining_secs += (planned - spent).max(0),
            "to_come" => remaining_secs += planned,
            _ => {}
        }
        timings.push(ItemTiming {
            item_id: item.id,
            status,
            planned_minutes: item.planned_minutes,
            spent_seconds: u32::try_from(spent).unwrap_or(u32::MAX),
            overrun_seconds: u32::try_from((spent - planned).max(0)).unwrap_or(u32::MAX),
        });
    }
    let projected_end = if started.is_some() {
        clock((local_now + chrono::Duration::seconds(remaining_secs)).time())
    } else {
        meeting.projected_end.clone()
    };
    Ok(MeetingNow {
        attendance: running::attendance_of(answers.rows(attending)?),
        attendees: running::attendees_of(&answers.take(attendees)?)?,
        meeting,
        timings,
        current_item_id,
        timer_running,
        projected_end,
    })
}

/// Opens a case in the cockpit.
pub fn case_in_meeting(
    conn: &dyn crate::store::sql::Db,
    meeting_id: Uuid,
    case_id: Uuid,
    today: NaiveDate,
) -> CoreResult<CaseInMeeting> {
    // The case's rows, the meeting's part of it and the actions' reports
    // go to PostgreSQL at once: one wait, then the case's look-ups that
    // depend on what it holds (other panels, repeats).
    let mut batch = Batch::new();
    let case = CaseReads::add(&mut batch, conn, case_id);
    let past = crate::tables::meetings::other_hearings_in(&mut batch, case_id, meeting_id);
    let record = hearings::RecordReads::add(&mut batch, conn, meeting_id, case_id);
    let open = actions_table::open_for_case_in(&mut batch, case_id);
    let agreed = actions_table::agreed_at_in(&mut batch, meeting_id, None, Some(case_id));
    let reports = action_updates::of_case_in(&mut batch, conn, case_id, meeting_id);
    let mut answers = batch.run(conn)?;
    let case = case.detail(conn, &mut answers, today)?;
    let history = answers
        .rows(past)?
        .iter()
        .map(|r| {
            let outcome: Option<String> = r.get(1)?;
            let level: Option<String> = r.get(2)?;
            let rag: Option<String> = r.get(3)?;
            Ok(PastHearing {
                heard_on: r.get(0)?,
                outcome: outcome.as_deref().and_then(HearingOutcome::parse),
                risk_level: level.as_deref().and_then(RiskLevel::parse),
                risk_rag: rag.as_deref().and_then(Rag::parse),
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let record = record.record(&mut answers)?;
    let actions = (answers.rows(open)?, answers.rows(agreed)?);
    let reports = answers.take(reports)?;
    let (open_actions, agreed_here) = actions::split_at(meeting_id, actions, reports, today)?;
    Ok(CaseInMeeting {
        case,
        history,
        record,
        open_actions,
        agreed_here,
    })
}
