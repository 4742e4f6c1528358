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
use crate::features::{actions, cases, meetings, running};

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
    let meeting = meetings::get(conn, meeting_id)?;
    let seconds = running::item_seconds(conn, meeting_id, now)?;
    let (current_item_id, started) = crate::tables::timers::meeting_clock(conn, meeting_id)?
        .ok_or(crate::error::CoreError::NotFound("That meeting"))?;
    let timer_running = crate::tables::timers::any_running(conn, meeting_id)?;
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
        attendance: running::attendance(conn, meeting_id)?,
        attendees: running::attendees(conn, meeting_id)?,
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
    let case = cases::get(conn, case_id, today)?;
    let history = crate::tables::meetings::other_hearings(conn, case_id, meeting_id)?
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
    let record = running::hearing_record(conn, meeting_id, case_id)?;
    let (open_actions, agreed_here) = actions::of_case_at(conn, meeting_id, case_id, today)?;
    Ok(CaseInMeeting {
        case,
        history,
        record,
        open_actions,
        agreed_here,
    })
}
