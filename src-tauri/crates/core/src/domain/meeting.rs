//! Meetings and their agendas.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::code_enum;
use crate::dates::parse_date;
use crate::domain::case::CaseStatus;
use crate::error::CoreResult;
use crate::validate::Validator;

code_enum!(
    MeetingKind {
        Scheduled = "scheduled",
        Emergency = "emergency",
        Triage = "triage",
    }
);

code_enum!(
    AgendaItemKind {
        Introductions = "introductions",
        ActionReview = "action_review",
        NewCase = "new_case",
        ReviewCase = "review_case",
        AnniversaryNotice = "anniversary_notice",
        Triage = "triage",
        OtherBusiness = "other_business",
    }
);

code_enum!(
    /// What the panel decided for a case at a hearing.
    HearingOutcome {
        Continue = "continue",
        Close = "close",
        Escalate = "escalate",
        Redirect = "redirect",
        Defer = "defer",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingInput {
    pub panel_id: Uuid,
    pub kind: MeetingKind,
    /// As typed, e.g. "04/12/2026".
    pub date: String,
    /// As typed, e.g. "09:30" or "9.30".
    pub start_time: String,
    pub venue: String,
    pub chair: String,
    pub minute_taker: String,
    /// Agencies expected to attend; empty means every agency on the panel.
    pub expected_agency_ids: Vec<Uuid>,
}

pub struct ValidMeeting {
    pub date: NaiveDate,
    pub start_time: NaiveTime,
    pub venue: Option<String>,
    pub chair: Option<String>,
    pub minute_taker: Option<String>,
}

/// "09:30", "9:30", "9.30", "0930" -> 09:30.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim().replace('.', ":");
    NaiveTime::parse_from_str(&t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&t, "%H%M"))
        .ok()
}

impl MeetingInput {
    pub fn validate(&self, today: NaiveDate) -> CoreResult<ValidMeeting> {
        let mut v = Validator::new();
        let date = match parse_date(&self.date, today) {
            _ if self.date.trim().is_empty() => {
                v.add("date", "Enter the meeting's date.");
                today
            }
            None => {
                v.add(
                    "date",
                    "Enter the meeting's date as a real date, like 04/12/2026.",
                );
                today
            }
            Some(d) if d > today + chrono::Days::new(731) => {
                v.add(
                    "date",
                    "The meeting's date must be within the next two years.",
                );
                today
            }
            Some(d) => d,
        };
        let start_time = match parse_time(&self.start_time) {
            Some(t) => t,
            None => {
                v.add(
                    "start_time",
                    "Enter the start time on the 24-hour clock, like 09:30.",
                );
                NaiveTime::MIN
            }
        };
        let venue = v.optional("venue", "the venue", &self.venue, 200);
        let chair = v.optional("chair", "the chair's name", &self.chair, 120);
        let minute_taker = v.optional(
            "minute_taker",
            "the minute-taker's name",
            &self.minute_taker,
            120,
        );
        v.finish()?;
        Ok(ValidMeeting {
            date,
            start_time,
            venue,
            chair,
            minute_taker,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgendaCase {
    pub id: Uuid,
    pub reference: String,
    pub subject_name: String,
    pub status: CaseStatus,
    pub children_count: u32,
    pub is_repeat: bool,
    pub possible_repeat: bool,
    /// The other cases on this agenda it must be kept apart from (a
    /// keep-apart linked person or a perpetrator is their person), by
    /// reference.
    pub keep_apart_with: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgendaItem {
    pub id: Uuid,
    pub position: u32,
    pub kind: AgendaItemKind,
    pub title: String,
    pub case: Option<AgendaCase>,
    pub planned_minutes: u32,
    /// "HH:MM", from the meeting's start and the items before it.
    pub planned_start: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingDetail {
    pub id: Uuid,
    pub panel_id: Uuid,
    pub panel_name: String,
    pub kind: MeetingKind,
    pub date: String,
    pub start_time: String,
    pub venue: Option<String>,
    pub chair: Option<String>,
    pub minute_taker: Option<String>,
    pub status: String,
    pub expected_agency_ids: Vec<Uuid>,
    pub items: Vec<AgendaItem>,
    pub total_minutes: u32,
    /// "HH:MM" when every item takes its planned time.
    pub projected_end: String,
    /// The panel's planned meeting length.
    pub meeting_minutes: u32,
    /// How far the plan runs past the panel's meeting length (0 when it fits).
    pub over_by_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingSummary {
    pub id: Uuid,
    pub panel_id: Uuid,
    pub panel_name: String,
    pub kind: MeetingKind,
    pub date: String,
    pub start_time: String,
    pub status: String,
    pub case_count: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let nine_thirty = NaiveTime::from_hms_opt(9, 30, 0);
        for t in ["09:30", "9:30", "9.30", "0930", " 09:30 "] {
            assert_eq!(parse_time(t), nine_thirty, "{t}");
        }
        for t in ["25:00", "half nine", "", "9"] {
            assert_eq!(parse_time(t), None, "{t}");
        }
    }
}
