//! A case as the screens show it: its page, a line in a list, its history,
//! the people linked to it and the earlier cases that may be the same person.

use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::case::{CaseInput, CaseStatus, CaseStep, Relationship};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkedPerson {
    pub id: Uuid,
    pub name: String,
    pub relationship: Relationship,
    pub keep_apart: bool,
}

/// An earlier case that may be the same person.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RepeatCandidate {
    pub case_id: Uuid,
    pub reference: String,
    pub subject_name: String,
    pub date_of_birth: Option<String>,
    /// The earlier case's last hearing, if it was ever heard.
    pub last_heard_on: Option<String>,
    /// Heard within the panel's repeat window before this referral: a repeat.
    pub within_repeat_window: bool,
    pub strength: crate::matching::MatchStrength,
    pub reason: String,
    /// A perpetrator of this referral who is a perpetrator of the earlier
    /// case too (by name and date of birth), by this referral's name.
    pub same_perpetrator: Option<String>,
    /// The same person and perpetrator referred within twelve months of
    /// the earlier referral: a repeat as SafeLives counts it (the panel's
    /// own rule is `within_repeat_window`).
    pub safelives_repeat: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseEvent {
    pub at: String,
    pub kind: String,
    pub detail: String,
    pub recorded_by: String,
}

/// Another panel's case that may hold one of this case's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OtherPanelMatch {
    pub other_case_id: Uuid,
    /// Its reference and panel: nothing else of it is shown.
    pub reference: String,
    pub panel_name: String,
    /// Who of this case: "The person", "Perpetrator Darren Cole", "Linked
    /// person Kyle Brown".
    pub who: String,
    pub strength: crate::matching::MatchStrength,
    /// Confirmed as the same person by the coordinator (dismissed ones are
    /// not listed).
    pub confirmed: bool,
}

/// Everything about one case, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseDetail {
    pub id: Uuid,
    pub panel_id: Uuid,
    pub reference: String,
    pub status: CaseStatus,
    /// The form's values, as stored (dates as YYYY-MM-DD).
    pub input: CaseInput,
    /// Age today, from the date of birth or the approximate age.
    pub age: Option<u32>,
    pub referring_agency_name: Option<String>,
    pub linked_people: Vec<LinkedPerson>,
    /// The confirmed earlier case of the same person, if any.
    pub repeat_of: Option<RepeatCandidate>,
    /// Offered matches not yet confirmed or rejected.
    pub possible_repeats: Vec<RepeatCandidate>,
    pub history: Vec<CaseEvent>,
    /// The steps its status allows now (the page offers these and no others).
    pub next_steps: Vec<CaseStep>,
    /// Its Dash checklists, the first and any re-assessments, oldest first.
    pub dash: Vec<super::dash::DashAssessment>,
    /// A checklist being filled in, as last typed.
    pub dash_draft: Option<super::dash::DashInput>,
    /// The checklist to offer first, by the person's age (young person's
    /// from 13 to 17).
    pub dash_suggested: super::dash::DashVersion,
    /// The rest of the referral form, as records.
    pub referral: super::referral::ReferralDetails,
    /// Other panels' cases that may hold one of its people (reference and
    /// panel only).
    pub other_panels: Vec<OtherPanelMatch>,
}

/// One line in a list of cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseSummary {
    pub id: Uuid,
    pub panel_id: Uuid,
    pub reference: String,
    pub status: CaseStatus,
    pub subject_name: String,
    pub date_of_birth: Option<String>,
    pub postcode: Option<String>,
    pub referral_date: String,
    pub children_count: u32,
    /// A confirmed repeat within the panel's window.
    pub is_repeat: bool,
    /// Unconfirmed matches waiting for the coordinator.
    pub possible_repeat: bool,
}
