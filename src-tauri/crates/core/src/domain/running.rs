//! What is recorded while a meeting runs: attendance, what each agency
//! shares about a case, the panel's assessment and outcome.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::code_enum;
use crate::domain::meeting::HearingOutcome;

code_enum!(
    AttendanceStatus {
        Present = "present",
        Apologies = "apologies",
        SentInWriting = "sent_in_writing",
        Absent = "absent",
    }
);

code_enum!(
    ShareState {
        /// Known to the agency: here is what it holds.
        Known = "known",
        NotKnown = "not_known",
        NotPresent = "not_present",
        SentInWriting = "sent_in_writing",
    }
);

code_enum!(
    RiskLevel {
        Standard = "standard",
        Medium = "medium",
        High = "high",
    }
);

code_enum!(
    Rag {
        Red = "red",
        Amber = "amber",
        Green = "green",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendeeInput {
    pub agency_id: Option<Uuid>,
    pub name: String,
    pub role: String,
    /// Acknowledged the confidentiality statement the chair read.
    pub acknowledged: bool,
    /// "HH:MM" when they arrived late; empty if on time.
    pub arrived_at: String,
    /// "HH:MM" when they left early; empty if they stayed.
    pub left_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Attendee {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub name: String,
    pub role: Option<String>,
    pub acknowledged: bool,
    pub arrived_at: Option<String>,
    pub left_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyAttendance {
    pub agency_id: Uuid,
    pub agency_name: String,
    pub short_code: String,
    /// None until the coordinator records it.
    pub status: Option<AttendanceStatus>,
    /// The chair hears from it at each case: it is present or sent
    /// information in writing; before attendance is taken, every expected
    /// agency is.
    pub heard_from: bool,
}

/// Marks the agencies the chair hears from (see [`AgencyAttendance::heard_from`]).
pub fn mark_heard_from(all: &mut [AgencyAttendance]) {
    let taken = all.iter().any(|a| a.status.is_some());
    for a in all {
        a.heard_from = match a.status {
            Some(AttendanceStatus::Present | AttendanceStatus::SentInWriting) => true,
            Some(AttendanceStatus::Apologies | AttendanceStatus::Absent) => false,
            None => !taken,
        };
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShareInput {
    pub state: ShareState,
    /// What the agency holds, as fact.
    pub facts: String,
    /// The agency's professional opinion, kept apart from fact.
    pub opinion: String,
    /// What the agency deliberately did not share...
    pub withheld: String,
    /// ...and why.
    pub withheld_reason: String,
    /// The version of the share this edit started from ([`Share::version`]);
    /// when given and someone else has saved since, the edit is refused
    /// and nothing is overwritten. None: a first share, or no check.
    #[serde(default)]
    #[ts(optional)]
    pub based_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Share {
    pub agency_id: Uuid,
    pub agency_name: String,
    pub short_code: String,
    pub state: ShareState,
    pub facts: Option<String>,
    pub opinion: Option<String>,
    pub withheld: Option<String>,
    pub withheld_reason: Option<String>,
    pub updated_by: String,
    /// When it was last saved: what an edit of it says it started from.
    pub version: String,
    /// When the agency researched it before the meeting (through its own
    /// account on the server); none if it was shared in the meeting.
    pub researched_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssessmentInput {
    /// The chair's summary of the case.
    pub summary: String,
    pub risk_level: Option<RiskLevel>,
    pub risk_rag: Option<Rag>,
    /// 1 (unlikely) to 3 (likely), on the 3 x 3 matrix.
    pub likelihood: Option<u32>,
    /// 1 (low) to 3 (serious).
    pub impact: Option<u32>,
    pub decisions: String,
    /// Who will tell the young person or victim the plan.
    pub who_tells: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutcomeInput {
    pub outcome: HearingOutcome,
    /// For "continue": when to review, as typed ("+6w", "next meeting", a date).
    pub review: String,
    /// Why it closes, where it escalates or is redirected to, why deferred.
    pub reason: String,
}

/// The panel's record of one case at one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HearingRecord {
    pub summary: Option<String>,
    pub risk_level: Option<RiskLevel>,
    pub risk_rag: Option<Rag>,
    pub likelihood: Option<u32>,
    pub impact: Option<u32>,
    /// likelihood x impact, 1..9.
    pub risk_score: Option<u32>,
    pub decisions: Option<String>,
    pub who_tells: Option<String>,
    pub outcome: Option<HearingOutcome>,
    pub outcome_reason: Option<String>,
    pub review_due: Option<String>,
    pub shares: Vec<Share>,
    /// Agencies present (or expected) that have not yet said anything.
    pub not_yet_heard: Vec<AgencyAttendance>,
}
