//! Running a meeting: attendance, what each agency shares about a case, the
//! panel's assessment and outcome, and the agenda's timers. Every call is
//! one small transaction, so a crash loses at most the edit in flight.
//! Runs on either engine; the SQL is in [`crate::tables::running`], the
//! timers in [`super::timers`].

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::action::parse_due;
use crate::domain::meeting::{HearingOutcome, parse_time};
use crate::domain::running::{
    AgencyAttendance, AssessmentInput, AttendanceStatus, Attendee, AttendeeInput, HearingRecord,
    OutcomeInput, Rag, RiskLevel, ShareInput, mark_heard_from,
};
use crate::error::{CoreError, CoreResult};
use crate::features::approval;
use crate::features::meetings::record_hearing_in;
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::sql::{Db, Values};
use crate::tables::running as table;
use crate::validate::Validator;

use super::hearings::hearing_record_last;
pub use super::hearings::{hearing_record, hearing_records};
pub use super::timers::{close, go_to_item, item_seconds, toggle_timer};

pub(crate) fn meeting_exists(db: &dyn Db, meeting_id: Uuid) -> CoreResult<String> {
    table::meeting_date(db, meeting_id)?.ok_or(CoreError::NotFound("That meeting"))
}

// ---- Attendance -----------------------------------------------------------

pub fn set_agency_attendance(
    store: &mut impl Engine,
    meeting_id: Uuid,
    agency_id: Uuid,
    status: AttendanceStatus,
) -> CoreResult<Vec<AgencyAttendance>> {
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        approval::ensure_editable(tx, &meeting_id.to_string())?;
        if !table::set_agency_attendance(tx, meeting_id, agency_id, status.as_str())? {
            return Err(CoreError::NotFound("That agency"));
        }
        attendance(tx, meeting_id)
    })
}

/// Every agency expected or recorded, with its attendance.
pub fn attendance(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<AgencyAttendance>> {
    Ok(attendance_of(table::attendance(db, meeting_id)?))
}

/// The attendance from its rows ([`table::attendance`]).
pub(crate) fn attendance_of(rows: Vec<table::Attending>) -> Vec<AgencyAttendance> {
    let mut all: Vec<AgencyAttendance> = rows
        .into_iter()
        .map(
            |(agency_id, agency_name, short_code, status)| AgencyAttendance {
                agency_id,
                agency_name,
                short_code,
                status: status.as_deref().and_then(AttendanceStatus::parse),
                heard_from: false,
            },
        )
        .collect();
    mark_heard_from(&mut all);
    all
}

struct ValidAttendee {
    agency_id: Option<Uuid>,
    name: String,
    role: Option<String>,
    arrived_at: Option<String>,
    left_at: Option<String>,
}

impl ValidAttendee {
    fn fields(&self, acknowledged: bool) -> table::AttendeeFields<'_> {
        (
            &self.agency_id,
            &self.name,
            &self.role,
            acknowledged,
            &self.arrived_at,
            &self.left_at,
        )
    }
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
        agency_id: input.agency_id,
        name,
        role,
        arrived_at,
        left_at,
    })
}

pub fn add_attendee(
    store: &mut impl Engine,
    meeting_id: Uuid,
    input: &AttendeeInput,
) -> CoreResult<Vec<Attendee>> {
    let a = check_attendee(input)?;
    store.write(|tx| {
        meeting_exists(tx, meeting_id)?;
        approval::ensure_editable(tx, &meeting_id.to_string())?;
        table::add_attendee(tx, meeting_id, a.fields(input.acknowledged))?;
        attendees(tx, meeting_id)
    })
}

pub fn update_attendee(
    store: &mut impl Engine,
    attendee_id: Uuid,
    input: &AttendeeInput,
) -> CoreResult<Vec<Attendee>> {
    let a = check_attendee(input)?;
    store.write(|tx| {
        let meeting = table::attendee_meeting(tx, attendee_id)?
            .ok_or(CoreError::NotFound("That attendee"))?;
        approval::ensure_editable(tx, &meeting.to_string())?;
        table::update_attendee(tx, attendee_id, a.fields(input.acknowledged))?;
        attendees(tx, meeting)
    })
}

pub fn attendees(db: &dyn Db, meeting_id: Uuid) -> CoreResult<Vec<Attendee>> {
    attendees_of(&table::attendees(db, meeting_id)?)
}

/// The attendees from their rows ([`table::ATTENDEES`]).
pub(crate) fn attendees_of(rows: &[Values]) -> CoreResult<Vec<Attendee>> {
    rows.iter()
        .map(|r| {
            Ok(Attendee {
                id: r.get(0)?,
                agency_id: r.get(1)?,
                name: r.get(2)?,
                role: r.get(3)?,
                acknowledged: r.get(4)?,
                arrived_at: r.get(5)?,
                left_at: r.get(6)?,
            })
        })
        .collect()
}

// ---- Information sharing and the hearing record ---------------------------

/// Checks that the case's record at the meeting may be edited (and, when
/// `agency_id` is given, that the agency exists), makes its hearing row at
/// the first edit, and gives the meeting's date. One statement on an edit
/// after the first; two on the first.
fn ensure_hearing(
    db: &dyn Db,
    meeting_id: Uuid,
    case_id: Uuid,
    agency_id: Option<Uuid>,
) -> CoreResult<String> {
    let guard = table::hearing_guard(db, meeting_id, case_id, agency_id)?
        .ok_or(CoreError::NotFound("That meeting"))?;
    approval::refuse_locked(guard.lock)?;
    if !guard.on_agenda {
        return Err(CoreError::Conflict(
            "That case is not on this meeting's agenda.".into(),
        ));
    }
    if agency_id.is_some() && !guard.agency_exists {
        return Err(CoreError::NotFound("That agency"));
    }
    if !guard.heard {
        table::ensure_hearing(db, meeting_id, case_id, &guard.date, &now())?;
    }
    Ok(guard.date)
}

/// Two people editing one agency's share never lose each other's words:
/// an edit that started from an older version than the one saved is
/// refused, and the editor reads the other's text before saving again.
pub(crate) fn refuse_stale(
    tx: &dyn Db,
    key: (Uuid, Uuid, Uuid),
    based_on: Option<&str>,
) -> CoreResult<()> {
    let Some(based_on) = based_on else {
        return Ok(());
    };
    match table::share_version(tx, key)? {
        Some((saved, by)) if saved != based_on => Err(CoreError::Conflict(format!(
            "{by} saved what this agency shared while you were typing, so yours was not \
             saved over it. Read theirs, then add yours and save again."
        ))),
        _ => Ok(()),
    }
}

/// A share's words, checked: facts, opinion, what was withheld and why
/// (which must be given when something was withheld). The same rules for
/// what an agency says in the meeting and what it researched before it.
pub(crate) fn valid_share(input: &ShareInput) -> CoreResult<[Option<String>; 4]> {
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
    Ok([facts, opinion, withheld, withheld_reason])
}

pub fn share(
    store: &mut impl Engine,
    meeting_id: Uuid,
    case_id: Uuid,
    agency_id: Uuid,
    input: &ShareInput,
) -> CoreResult<HearingRecord> {
    let [facts, opinion, withheld, withheld_reason] = valid_share(input)?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        ensure_hearing(tx, meeting_id, case_id, Some(agency_id))?;
        refuse_stale(
            tx,
            (meeting_id, case_id, agency_id),
            input.based_on.as_deref(),
        )?;
        hearing_record_last(tx, meeting_id, case_id, |batch| {
            table::save_share_in(
                batch,
                (meeting_id, case_id, agency_id),
                (
                    input.state.as_str(),
                    &facts,
                    &opinion,
                    &withheld,
                    &withheld_reason,
                ),
                (&actor, &now()),
                false,
            );
        })
    })
}

pub fn assess(
    store: &mut impl Engine,
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
        ensure_hearing(tx, meeting_id, case_id, None)?;
        hearing_record_last(tx, meeting_id, case_id, |batch| {
            table::save_assessment_in(
                batch,
                meeting_id,
                case_id,
                (
                    &summary,
                    input.risk_level.map(RiskLevel::as_str),
                    input.risk_rag.map(Rag::as_str),
                    input.likelihood,
                    input.impact,
                    &decisions,
                    &who_tells,
                ),
                (&actor, &now()),
            );
        })
    })
}

/// The panel's outcome for the case; the case moves on accordingly.
pub fn decide(
    store: &mut impl Engine,
    meeting_id: Uuid,
    case_id: Uuid,
    input: &OutcomeInput,
    today: NaiveDate,
) -> CoreResult<HearingRecord> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let meeting_date = ensure_hearing(tx, meeting_id, case_id, None)?;
        let mut v = Validator::new();
        let reason = v.optional_multiline("reason", "the reason", &input.reason, 2_000);
        let review_due = if input.outcome == HearingOutcome::Continue {
            let meeting_date =
                NaiveDate::parse_from_str(&meeting_date, "%Y-%m-%d").unwrap_or(today);
            let next = table::next_meeting_date(tx, meeting_id)?;
            let next = next
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            match parse_due(&input.review, meeting_date, next, today) {
                Ok(d) => d,
                Err(message) => {
                    v.add("review", message.replace("due date", "review date"));
                    None
                }
            }
        } else {
            if reason.is_none() {
                v.add(
                    "reason",
                    match input.outcome {
                        HearingOutcome::Close => "Say why the case closes.",
                        HearingOutcome::Escalate => {
                            "Say where the case is escalated to, for example child protection."
                        }
                        HearingOutcome::Redirect => "Say which service the case goes to, and why.",
                        _ => "Say why the case is deferred.",
                    },
                );
            }
            None
        };
        v.finish()?;
        record_hearing_in(tx, meeting_id, case_id, input.outcome, review_due, &actor)?;
        table::save_outcome_reason(tx, meeting_id, case_id, &reason, (&actor, &now()))?;
        hearing_record(tx, meeting_id, case_id)
    })
}
