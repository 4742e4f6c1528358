//! What a held demo meeting records, as a real one does: attendance by
//! agency (present, apologies, sent in writing) with each attendee's
//! acknowledgement of the confidentiality statement, several agencies sharing
//! per case (facts kept apart from opinion, and what was not shared and
//! why), the panel's summary, risk, decisions, who tells the young person,
//! and an outcome with its reason. Written through the cockpit's own
//! features, so the minutes a newcomer opens look like a real panel's.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeDelta, Utc};
use uuid::Uuid;

use crate::domain::action::{ActionInput, ReportInput};
use crate::domain::meeting::{
    AgendaItemKind, HearingOutcome, MeetingDetail, MeetingInput, MeetingKind,
};
use crate::domain::running::{
    AssessmentInput, AttendanceStatus, AttendeeInput, OutcomeInput, Rag, RiskLevel, ShareInput,
    ShareState,
};
use crate::error::CoreResult;
use crate::features::{actions, agencies, running, timers};
use crate::store::Engine;
use crate::store::codec::ymd;

use super::demo_actions::{DEMO_ACTIONS, demo_report};

/// Who sent apologies and who sent a written update instead of coming.
const APOLOGIES: &[&str] = &["BTP", "AMH", "LBH"];
const IN_WRITING: &[&str] = &["SN", "PS"];

/// Attendance for a held meeting: every member agency present but a few,
/// each present agency's representative named and acknowledging the
/// confidentiality statement (one arrived late).
pub(crate) fn attendance(store: &mut impl Engine, meeting_id: Uuid) -> CoreResult<()> {
    let listed = store.read(|db| running::attendance(db, meeting_id))?;
    for (i, a) in listed.iter().enumerate() {
        let status = if APOLOGIES.contains(&a.short_code.as_str()) {
            AttendanceStatus::Apologies
        } else if IN_WRITING.contains(&a.short_code.as_str()) {
            AttendanceStatus::SentInWriting
        } else {
            AttendanceStatus::Present
        };
        running::set_agency_attendance(store, meeting_id, a.agency_id, status)?;
        if status != AttendanceStatus::Present {
            continue;
        }
        let agency = store.read(|db| agencies::get(db, a.agency_id))?;
        let (name, role) = agency
            .representatives
            .first()
            .map(|r| (r.name.clone(), r.role.clone().unwrap_or_default()))
            .unwrap_or_else(|| {
                (
                    format!("{} representative", agency.short_code),
                    String::new(),
                )
            });
        running::add_attendee(
            store,
            meeting_id,
            &AttendeeInput {
                agency_id: Some(a.agency_id),
                name,
                role,
                acknowledged: true,
                arrived_at: if i == 3 {
                    "09:50".into()
                } else {
                    String::new()
                },
                left_at: String::new(),
            },
        )?;
    }
    Ok(())
}

/// (agency, state, facts, opinion, withheld, why): what agencies say about
/// a young person, varied by the case's number.
type Said = (
    &'static str,
    ShareState,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const SAID: &[Said] = &[
    (
        "POL",
        ShareState::Known,
        "Stopped twice in the last month near the station with older males; a knife found in a bag nearby on the second occasion, no charge.",
        "Officers believe the young person is being used to carry for an older group.",
        "",
        "",
    ),
    (
        "CSC",
        ShareState::Known,
        "Open to a child in need plan since September; mother engaging, father not in contact.",
        "The social worker is worried the family cannot keep the young person at home in the evenings.",
        "",
        "",
    ),
    (
        "ED",
        ShareState::Known,
        "Attended the emergency department once in October with a hand wound, said to be from a fall.",
        "",
        "Details of a sibling's attendance.",
        "Not relevant to this young person and not consented.",
    ),
    (
        "EDU",
        ShareState::Known,
        "Attendance 71% this term; two fixed-term exclusions; a managed move is being discussed.",
        "Staff say the young person is easily led and wants to belong.",
        "",
        "",
    ),
    ("CAMHS", ShareState::NotKnown, "", "", "", ""),
    (
        "YJS",
        ShareState::Known,
        "Completed an out-of-court disposal in the summer; the case worker sees him weekly.",
        "",
        "",
        "",
    ),
    ("HSG", ShareState::NotKnown, "", "", "", ""),
];

const SUMMARIES: &[&str] = &[
    "Referred after a stabbing nearby; the panel heard that the young person is carrying for older males and missing school.",
    "Went missing three times this term; found each time in another borough; exploitation suspected.",
    "Assaulted on the way home from school; the family fear reprisals and the school has seen a change in them.",
];

const DECISIONS: &[&str] = &[
    "A strategy discussion within five working days; a safety plan for travel to and from school; disruption at the station by the police.",
    "Return home interviews after every missing episode; a referral to the national referral mechanism to be considered.",
    "A youth worker to make contact this week; the school to put a trusted adult in place.",
];

/// What each agency shared about the case heard as item `n`.
pub(crate) fn shares(
    store: &mut impl Engine,
    meeting_id: Uuid,
    case_id: Uuid,
    n: usize,
    ids: &HashMap<String, Uuid>,
) -> CoreResult<()> {
    // Four or five agencies a case, a different set each time.
    for (code, state, facts, opinion, withheld, why) in
        SAID.iter().cycle().skip(n % SAID.len()).take(4 + n % 2)
    {
        let Some(agency) = ids.get(*code).copied() else {
            continue;
        };
        running::share(
            store,
            meeting_id,
            case_id,
            agency,
            &ShareInput {
                state: *state,
                facts: (*facts).into(),
                opinion: (*opinion).into(),
                withheld: (*withheld).into(),
                withheld_reason: (*why).into(),
                based_on: None,
            },
        )?;
    }
    Ok(())
}

/// The case's summary, decisions and who tells the young person.
pub(crate) fn summary(n: usize) -> (String, String, String) {
    (
        SUMMARIES[n % SUMMARIES.len()].into(),
        DECISIONS[n % DECISIONS.len()].into(),
        if n.is_multiple_of(2) {
            "The youth worker (TYS), this week".into()
        } else {
            "The allocated social worker (CSC), at the next visit".into()
        },
    )
}

/// The outcome with its reason, as the cockpit records it.
pub(crate) fn outcome(
    store: &mut impl Engine,
    meeting_id: Uuid,
    case_id: Uuid,
    outcome: HearingOutcome,
    today: NaiveDate,
) -> CoreResult<()> {
    let (review, reason) = match outcome {
        HearingOutcome::Continue => ("+4w", ""),
        _ => (
            "",
            "Risk reduced: the plan is in place through children's social care and the school.",
        ),
    };
    running::decide(
        store,
        meeting_id,
        case_id,
        &OutcomeInput {
            outcome,
            review: review.into(),
            reason: reason.into(),
        },
        today,
    )?;
    Ok(())
}

/// What the panel agreed at a past hearing: the risk it assessed and, for a
/// case it kept, actions owned by agencies (older ones already reported on).
pub(crate) fn past_hearing(
    store: &mut impl Engine,
    meeting_id: Uuid,
    case_id: Uuid,
    n: usize,
    outcome: HearingOutcome,
    agencies: &std::collections::HashMap<String, Uuid>,
    (meetings_ago, today): (u64, NaiveDate),
) -> CoreResult<()> {
    let (level, rag) = match n % 3 {
        0 => (RiskLevel::High, Rag::Red),
        1 => (RiskLevel::Medium, Rag::Amber),
        _ => (RiskLevel::Standard, Rag::Green),
    };
    let (summary, decisions, who_tells) = summary(n);
    running::assess(
        store,
        meeting_id,
        case_id,
        &AssessmentInput {
            summary,
            risk_level: Some(level),
            risk_rag: Some(rag),
            likelihood: None,
            impact: None,
            decisions,
            who_tells,
        },
    )?;
    if outcome != HearingOutcome::Continue {
        return Ok(());
    }
    for (code, text, due) in DEMO_ACTIONS.iter().skip(n % 2).take(2) {
        let Some(agency) = agencies.get(*code).copied() else {
            continue;
        };
        let saved = actions::add(
            store,
            &ActionInput {
                meeting_id,
                case_id: Some(case_id),
                agency_id: Some(agency),
                text: (*text).into(),
                due: (*due).into(),
                officer: String::new(),
            },
            today,
        )?;
        let report = demo_report(
            meetings_ago,
            n,
            &saved.action.meeting_date,
            saved.action.due_date.as_deref(),
        );
        if let Some((status, note, on)) = report {
            let on = on.min(ymd(today)).max(saved.action.meeting_date.clone());
            actions::report_many(
                store,
                &[saved.action.id],
                &ReportInput {
                    status,
                    note: note.into(),
                    reported_on: on,
                },
                today,
            )?;
        }
    }
    Ok(())
}

/// The chair moves through the meeting in the cockpit: each case's timer
/// runs from the moment the chair goes to it until the next (between 7 and
/// 17 minutes, varied by position and meeting), then the meeting is closed.
pub(crate) fn chaired_through(
    store: &mut impl Engine,
    meeting: &MeetingDetail,
    k: u64,
) -> CoreResult<()> {
    let start = NaiveDate::parse_from_str(&meeting.date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .map_or_else(Utc::now, |t| t.and_utc());
    let mut at = start;
    for item in &meeting.items {
        if !matches!(
            item.kind,
            AgendaItemKind::NewCase | AgendaItemKind::ReviewCase
        ) {
            continue;
        }
        timers::go_to_item(store, meeting.id, item.id, at)?;
        let seconds = 420 + (u64::from(item.position) * 173 + k * 61) % 600;
        at += TimeDelta::seconds(i64::try_from(seconds).unwrap_or(600));
    }
    timers::close(store, meeting.id, at)
}

/// A demo meeting at the civic centre, chaired by the same inspector.
pub(crate) fn meeting_input(
    panel_id: Uuid,
    kind: MeetingKind,
    date: NaiveDate,
    minute_taker: &str,
) -> MeetingInput {
    MeetingInput {
        panel_id,
        kind,
        date: ymd(date),
        start_time: "09:30".into(),
        venue: "Lowbridge Civic Centre, Committee Room 2".into(),
        chair: "DI Marcus Bell".into(),
        minute_taker: minute_taker.into(),
        expected_agency_ids: Vec::new(),
    }
}

/// The directory's agencies by short code.
pub(super) fn agency_ids(store: &mut impl Engine) -> CoreResult<HashMap<String, Uuid>> {
    let rows = store.read(crate::tables::imports::agency_names)?;
    Ok(rows.into_iter().map(|(id, _, code)| (code, id)).collect())
}
