//! Research before a meeting (issue 18): what the coordinator publishes,
//! what an agency is shown to search its records (the least it needs: a
//! case's reference, name, aliases, date of birth and address, never the
//! referral's story), what it answers (an agency's share, the same input
//! as in the meeting) and the coordinator's grid of who has researched what.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::running::ShareState;

/// Publishing a meeting's case list for research: the date by which the
/// expected agencies answer (typed as the user types dates).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ResearchRequestInput {
    pub due_on: String,
}

/// One meeting an agency is asked to research, as its list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResearchMeeting {
    pub meeting_id: Uuid,
    pub panel_name: String,
    pub meeting_date: String,
    /// The last day answers are taken (ISO date).
    pub due_on: String,
    /// Answers are still taken: the deadline has not passed and the meeting
    /// has not been held.
    pub open: bool,
    pub cases: u32,
    /// How many of them this agency has answered.
    pub researched: u32,
    /// When the coordinator last reminded this agency, if ever.
    pub reminded_at: Option<String>,
}

/// This agency's answer on one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResearchAnswer {
    pub state: ShareState,
    pub facts: Option<String>,
    pub opinion: Option<String>,
    pub withheld: Option<String>,
    pub withheld_reason: Option<String>,
    pub updated_by: String,
    /// What an edit of it says it started from (as a share's version).
    pub version: String,
}

/// One case to research: only what the agency needs to find it in its
/// own records, and its own answer so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResearchSubject {
    pub case_id: Uuid,
    pub reference: String,
    pub subject_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub answer: Option<ResearchAnswer>,
}

/// A meeting's case list as one agency researches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResearchList {
    pub meeting: ResearchMeeting,
    pub cases: Vec<ResearchSubject>,
}

/// An expected agency in the coordinator's grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResearchAgency {
    pub agency_id: Uuid,
    pub agency_name: String,
    pub short_code: String,
    pub researched: u32,
    pub reminded_at: Option<String>,
}

/// A case in the coordinator's grid: each agency's answer, in the order of
/// [`ResearchGrid::agencies`] (none: not researched in advance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResearchRow {
    pub case_id: Uuid,
    pub reference: String,
    pub subject_name: String,
    pub answers: Vec<Option<ShareState>>,
}

/// Who has researched what for one meeting, for the coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResearchGrid {
    pub meeting_id: Uuid,
    /// None until the case list is published.
    pub due_on: Option<String>,
    pub published_at: Option<String>,
    pub published_by: Option<String>,
    pub open: bool,
    pub agencies: Vec<ResearchAgency>,
    pub cases: Vec<ResearchRow>,
}
