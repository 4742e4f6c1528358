//! The SafeLives Dash risk identification checklist at referral (issue 19):
//! the questions (in [`super::dash_questions`]), what the person completing
//! it records, and the one rule for its score. One point for each "yes";
//! "not known" and "no" count nothing; 14 or more is "visible high risk",
//! one of the routes to a MARAC. Professional judgement may refer below 14
//! but never changes a score: the score is always counted from the answers.
//! A case keeps every assessment, the first and any later re-assessment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::case::YesNoUnknown;
use super::dash_questions::{ADULT, DASH_CREDIT, QuestionText, YOUNG_PERSON};
use crate::dates::parse_date;
use crate::error::CoreResult;
use crate::validate::Validator;

/// The score from which a case is "visible high risk".
pub const VISIBLE_HIGH_RISK: u32 = 14;

crate::code_enum!(
    /// Which checklist was used: the adult one, or the young person's
    /// version for 13-17 year olds.
    DashVersion {
        Adult = "adult",
        YoungPerson = "young_person",
    }
);

impl DashVersion {
    pub fn questions(self) -> &'static [QuestionText] {
        match self {
            Self::Adult => ADULT,
            Self::YoungPerson => YOUNG_PERSON,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Adult => "Adult checklist",
            Self::YoungPerson => "Young person's checklist (13-17)",
        }
    }

    /// The checklist for a person of this age: the young person's version
    /// from 13 to 17, the adult one otherwise (and when the age is unknown).
    pub fn for_age(age: Option<u32>) -> Self {
        match age {
            Some(13..=17) => Self::YoungPerson,
            _ => Self::Adult,
        }
    }
}

/// One question as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DashQuestion {
    pub number: u8,
    pub section: String,
    pub text: String,
}

/// A checklist as the form shows it: the UI draws these, it keeps no copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DashChecklist {
    pub version: DashVersion,
    pub label: String,
    pub questions: Vec<DashQuestion>,
    pub high_risk_from: u32,
    pub credit: String,
}

/// Both checklists.
pub fn checklists() -> Vec<DashChecklist> {
    DashVersion::ALL
        .iter()
        .map(|v| DashChecklist {
            version: *v,
            label: v.label().to_owned(),
            questions: v
                .questions()
                .iter()
                .map(|(number, section, text)| DashQuestion {
                    number: *number,
                    section: (*section).to_owned(),
                    text: (*text).to_owned(),
                })
                .collect(),
            high_risk_from: VISIBLE_HIGH_RISK,
            credit: DASH_CREDIT.to_owned(),
        })
        .collect()
}

/// One answer: yes / no / not known, and where it came from when it was
/// not the person's own account (empty when it was).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DashAnswer {
    pub answer: Option<YesNoUnknown>,
    pub source: String,
}

/// A checklist as typed: completed, or being filled in (a draft).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DashInput {
    pub version: DashVersion,
    /// As typed, like every date.
    pub completed_on: String,
    /// Who completed it with the person: name, role and agency.
    pub completed_by: String,
    /// One per question, in the checklist's order.
    pub answers: Vec<DashAnswer>,
}

/// A stored assessment, for the case's page and the cockpit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DashAssessment {
    pub id: Uuid,
    pub version: DashVersion,
    pub completed_on: String,
    pub completed_by: String,
    pub answers: Vec<DashAnswer>,
    pub score: u32,
    /// How many questions its checklist has (the score is "out of" this).
    pub questions: u32,
    /// A score that came in a referral list, without its answers.
    pub from_list: bool,
    pub visible_high_risk: bool,
    /// The first assessment of the case, or a later re-assessment.
    pub reassessment: bool,
    pub recorded_by: String,
}

/// A checklist that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDash {
    pub version: DashVersion,
    pub completed_on: NaiveDate,
    pub completed_by: String,
    pub answers: Vec<DashAnswer>,
}

impl ValidDash {
    pub fn score(&self) -> u32 {
        score(&self.answers)
    }
}

/// The score: one point for each "yes", nothing else.
pub fn score(answers: &[DashAnswer]) -> u32 {
    let yes = answers
        .iter()
        .filter(|a| a.answer == Some(YesNoUnknown::Yes))
        .count();
    u32::try_from(yes).unwrap_or(u32::MAX)
}

const SOURCE_MAX: usize = 200;

impl DashInput {
    /// Every question answered, the date a real one not in the future, the
    /// person who completed it named; every problem at once, by field.
    pub fn validate(&self, today: NaiveDate) -> CoreResult<ValidDash> {
        let mut v = Validator::new();
        let completed_by = v.required(
            "completed_by",
            "who completed the checklist",
            &self.completed_by,
            200,
        );
        let completed_on = completed_on(&mut v, &self.completed_on, today);
        let questions = self.version.questions();
        if self.answers.len() != questions.len() {
            v.add(
                "answers",
                format!(
                    "The checklist has {} questions; {} answers were sent.",
                    questions.len(),
                    self.answers.len()
                ),
            );
        }
        let mut answers = Vec::with_capacity(questions.len());
        for (i, answer) in self.answers.iter().enumerate().take(questions.len()) {
            let number = i + 1;
            if answer.answer.is_none() {
                v.add(
                    format!("answers.{i}"),
                    format!("Answer question {number}: yes, no or not known."),
                );
            }
            let source = v.optional(
                &format!("answers.{i}.source"),
                &format!("where the answer to question {number} came from"),
                &answer.source,
                SOURCE_MAX,
            );
            answers.push(DashAnswer {
                answer: answer.answer,
                source: source.unwrap_or_default(),
            });
        }
        v.finish()?;
        Ok(ValidDash {
            version: self.version,
            completed_on: completed_on.unwrap_or(today),
            completed_by,
            answers,
        })
    }
}

impl DashInput {
    /// What a draft must meet to be kept as typed: no more answers than
    /// questions, and text of a length and kind that can be stored. The
    /// rest is checked when the checklist is completed.
    pub fn check_draft(&self) -> CoreResult<()> {
        let mut v = Validator::new();
        v.optional(
            "completed_by",
            "who completed the checklist",
            &self.completed_by,
            200,
        );
        v.optional("completed_on", "the date", &self.completed_on, 40);
        if self.answers.len() > self.version.questions().len() {
            v.add("answers", "There are more answers than questions.");
        }
        for (i, answer) in self.answers.iter().enumerate() {
            v.optional(
                &format!("answers.{i}.source"),
                &format!("where the answer to question {} came from", i + 1),
                &answer.source,
                SOURCE_MAX,
            );
        }
        v.finish()
    }
}

fn completed_on(v: &mut Validator, typed: &str, today: NaiveDate) -> Option<NaiveDate> {
    let typed = typed.trim();
    if typed.is_empty() {
        v.add(
            "completed_on",
            "Enter the date the checklist was completed.",
        );
        return None;
    }
    match parse_date(typed, today) {
        None => {
            v.add("completed_on", "Enter a date, like 14/11/2026.");
            None
        }
        Some(d) if d > today => {
            v.add(
                "completed_on",
                "The checklist cannot have been completed in the future.",
            );
            None
        }
        Some(d) => Some(d),
    }
}
