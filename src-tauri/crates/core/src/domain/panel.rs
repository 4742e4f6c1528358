//! A panel: a standing meeting of agencies (MARAC, Youth MARAC, MACE, ...).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::CoreResult;
use crate::validate::Validator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PanelKind {
    Marac,
    YouthMarac,
    Mace,
    OffenderManagement,
    Other,
}

impl PanelKind {
    pub const ALL: [Self; 5] = [
        Self::Marac,
        Self::YouthMarac,
        Self::Mace,
        Self::OffenderManagement,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Marac => "marac",
            Self::YouthMarac => "youth_marac",
            Self::Mace => "mace",
            Self::OffenderManagement => "offender_management",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

pub const DEFAULT_PROTECTIVE_MARKING: &str = "OFFICIAL-SENSITIVE";

/// Read by the chair at the start of every meeting and printed in the minutes.
pub const DEFAULT_CONFIDENTIALITY_STATEMENT: &str = "Information shared at this meeting is confidential. It is shared only to keep people safe and to prevent harm, under the agreement of the agencies present and the lawful bases recorded for each case. It must not be shared outside this meeting, copied, or used for any other purpose without the agreement of the agency that gave it. Attendees agree to keep it secure and to share it within their own agency only with those who need to know in order to carry out the agreed actions.";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PanelInput {
    pub name: String,
    pub kind: PanelKind,
    /// Planned length of a meeting, in minutes.
    pub meeting_minutes: u32,
    /// Planned minutes for each case on the agenda.
    pub minutes_per_case: u32,
    pub confidentiality_statement: String,
    pub protective_marking: String,
    /// A case referred again within this many months of its last hearing is a repeat.
    pub repeat_window_months: u32,
    /// Minutes without input before Roundtable locks itself (the strictest
    /// active panel's setting applies to the whole app).
    pub idle_lock_minutes: u32,
    /// Years a closed case is kept before it is due for deletion.
    pub retention_years: u32,
}

/// The idle lock a new panel starts with, in minutes.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
/// How long a closed case is kept by default: six years, the period most
/// partnerships' information-sharing agreements set for MARAC records.
pub const DEFAULT_RETENTION_YEARS: u32 = 6;

impl PanelInput {
    /// A new panel's form starts from these values.
    pub fn defaults(kind: PanelKind) -> Self {
        Self {
            name: String::new(),
            kind,
            meeting_minutes: 180,
            minutes_per_case: 12,
            confidentiality_statement: DEFAULT_CONFIDENTIALITY_STATEMENT.to_owned(),
            protective_marking: DEFAULT_PROTECTIVE_MARKING.to_owned(),
            repeat_window_months: 12,
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
            retention_years: DEFAULT_RETENTION_YEARS,
        }
    }

    /// Checks every field and returns the cleaned input (trimmed text).
    pub fn validate(&self) -> CoreResult<Self> {
        let mut v = Validator::new();
        let name = v.required("name", "the panel's name", &self.name, 120);
        let meeting_minutes = v.range(
            "meeting_minutes",
            "meeting length",
            self.meeting_minutes,
            15,
            720,
        );
        let minutes_per_case = v.range(
            "minutes_per_case",
            "minutes per case",
            self.minutes_per_case,
            1,
            120,
        );
        if !v.has_error("meeting_minutes")
            && !v.has_error("minutes_per_case")
            && minutes_per_case > meeting_minutes
        {
            v.add(
                "minutes_per_case",
                "Minutes per case cannot be more than the whole meeting's length.",
            );
        }
        let confidentiality_statement = v.required_multiline(
            "confidentiality_statement",
            "the confidentiality statement",
            &self.confidentiality_statement,
            4_000,
        );
        let protective_marking = v.required(
            "protective_marking",
            "a protective marking",
            &self.protective_marking,
            40,
        );
        let repeat_window_months = v.range(
            "repeat_window_months",
            "repeat window",
            self.repeat_window_months,
            1,
            60,
        );
        let idle_lock_minutes = v.range(
            "idle_lock_minutes",
            "idle lock",
            self.idle_lock_minutes,
            1,
            60,
        );
        let retention_years = v.range(
            "retention_years",
            "retention period",
            self.retention_years,
            1,
            100,
        );
        v.finish()?;
        Ok(Self {
            name,
            kind: self.kind,
            meeting_minutes,
            minutes_per_case,
            confidentiality_statement,
            protective_marking,
            repeat_window_months,
            idle_lock_minutes,
            retention_years,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Panel {
    pub id: Uuid,
    pub name: String,
    pub kind: PanelKind,
    pub meeting_minutes: u32,
    pub minutes_per_case: u32,
    pub confidentiality_statement: String,
    pub protective_marking: String,
    pub repeat_window_months: u32,
    pub idle_lock_minutes: u32,
    pub retention_years: u32,
    pub archived: bool,
    /// The agencies that sit on this panel.
    pub member_agency_ids: Vec<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CoreError;

    fn invalid_fields(input: &PanelInput) -> Vec<String> {
        match input.validate() {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn defaults_are_valid_once_named() {
        let mut input = PanelInput::defaults(PanelKind::YouthMarac);
        input.name = "  Lowbridge Youth MARAC ".into();
        let clean = input.validate().unwrap();
        assert_eq!(clean.name, "Lowbridge Youth MARAC");
        assert_eq!(clean.protective_marking, "OFFICIAL-SENSITIVE");
        assert_eq!(clean.repeat_window_months, 12);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let input = PanelInput {
            name: String::new(),
            kind: PanelKind::Marac,
            meeting_minutes: 5,
            minutes_per_case: 0,
            confidentiality_statement: " ".into(),
            protective_marking: "x".repeat(41),
            repeat_window_months: 0,
            idle_lock_minutes: 0,
            retention_years: 101,
        };
        assert_eq!(
            invalid_fields(&input),
            [
                "name",
                "meeting_minutes",
                "minutes_per_case",
                "confidentiality_statement",
                "protective_marking",
                "repeat_window_months",
                "idle_lock_minutes",
                "retention_years"
            ]
        );
    }

    #[test]
    fn a_case_cannot_outlast_the_meeting() {
        let mut input = PanelInput::defaults(PanelKind::Marac);
        input.name = "MARAC".into();
        input.meeting_minutes = 30;
        input.minutes_per_case = 45;
        assert_eq!(invalid_fields(&input), ["minutes_per_case"]);
    }
}
