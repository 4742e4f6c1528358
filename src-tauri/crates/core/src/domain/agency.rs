//! The agency directory: the organisations that sit on panels, and the people
//! who represent them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::CoreResult;
use crate::validate::Validator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Police,
    ChildrensSocialCare,
    AdultSocialCare,
    Health,
    MentalHealth,
    Housing,
    Probation,
    YouthOffending,
    Education,
    SubstanceMisuse,
    VoluntarySector,
    Advocacy,
    Other,
}

impl Sector {
    pub const ALL: [Self; 13] = [
        Self::Police,
        Self::ChildrensSocialCare,
        Self::AdultSocialCare,
        Self::Health,
        Self::MentalHealth,
        Self::Housing,
        Self::Probation,
        Self::YouthOffending,
        Self::Education,
        Self::SubstanceMisuse,
        Self::VoluntarySector,
        Self::Advocacy,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Police => "police",
            Self::ChildrensSocialCare => "childrens_social_care",
            Self::AdultSocialCare => "adult_social_care",
            Self::Health => "health",
            Self::MentalHealth => "mental_health",
            Self::Housing => "housing",
            Self::Probation => "probation",
            Self::YouthOffending => "youth_offending",
            Self::Education => "education",
            Self::SubstanceMisuse => "substance_misuse",
            Self::VoluntarySector => "voluntary_sector",
            Self::Advocacy => "advocacy",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RepresentativeInput {
    /// Present when editing someone already listed; absent for a new person.
    pub id: Option<Uuid>,
    pub name: String,
    pub role: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgencyInput {
    pub name: String,
    /// A few letters people type to pick the agency in a meeting (e.g. "CSC").
    pub short_code: String,
    pub sector: Option<Sector>,
    pub secure_email: String,
    pub representatives: Vec<RepresentativeInput>,
}

/// An input that passed validation: text trimmed, code upper-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAgency {
    pub name: String,
    pub short_code: String,
    pub sector: Sector,
    pub secure_email: Option<String>,
    pub representatives: Vec<ValidRepresentative>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRepresentative {
    pub id: Option<Uuid>,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
}

pub const MAX_REPRESENTATIVES: usize = 50;

impl AgencyInput {
    pub fn validate(&self) -> CoreResult<ValidAgency> {
        let mut v = Validator::new();
        let name = v.required("name", "the agency's name", &self.name, 120);
        let short_code = v
            .required("short_code", "a short code", &self.short_code, 12)
            .to_uppercase();
        if !v.has_error("short_code") {
            if short_code.chars().count() < 2 {
                v.add("short_code", "Short code must be at least 2 characters.");
            } else if !short_code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '&')
            {
                v.add(
                    "short_code",
                    "Short code can only use letters A to Z, numbers, hyphens and &.",
                );
            }
        }
        if self.sector.is_none() {
            v.add("sector", "Select the agency's sector.");
        }
        let secure_email =
            v.optional_email("secure_email", "a secure email address", &self.secure_email);
        if self.representatives.len() > MAX_REPRESENTATIVES {
            v.add(
                "representatives",
                format!("An agency can list up to {MAX_REPRESENTATIVES} representatives."),
            );
        }
        let representatives = self
            .representatives
            .iter()
            .take(MAX_REPRESENTATIVES)
            .enumerate()
            .map(|(i, rep)| ValidRepresentative {
                id: rep.id,
                name: v.required(
                    &format!("representatives.{i}.name"),
                    "the representative's name",
                    &rep.name,
                    120,
                ),
                role: v.optional(
                    &format!("representatives.{i}.role"),
                    "the representative's role",
                    &rep.role,
                    120,
                ),
                email: v.optional_email(
                    &format!("representatives.{i}.email"),
                    "the representative's email address",
                    &rep.email,
                ),
            })
            .collect();
        v.finish()?;
        Ok(ValidAgency {
            name,
            short_code,
            sector: self.sector.unwrap_or(Sector::Other),
            secure_email,
            representatives,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Representative {
    pub id: Uuid,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Agency {
    pub id: Uuid,
    pub name: String,
    pub short_code: String,
    pub sector: Sector,
    pub secure_email: Option<String>,
    pub representatives: Vec<Representative>,
    /// The panels this agency sits on.
    pub panel_ids: Vec<Uuid>,
    pub archived: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CoreError;

    fn input() -> AgencyInput {
        AgencyInput {
            name: " Lowbridge Police ".into(),
            short_code: " pol ".into(),
            sector: Some(Sector::Police),
            secure_email: "marac@police.example".into(),
            representatives: vec![RepresentativeInput {
                id: None,
                name: "DS Amira Haddad".into(),
                role: "Public protection".into(),
                email: String::new(),
            }],
        }
    }

    fn invalid_fields(input: &AgencyInput) -> Vec<String> {
        match input.validate() {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn clean_input_is_trimmed_and_code_upper_cased() {
        let valid = input().validate().unwrap();
        assert_eq!(valid.name, "Lowbridge Police");
        assert_eq!(valid.short_code, "POL");
        assert_eq!(
            valid.representatives[0].email, None,
            "an empty email is no email"
        );
        assert_eq!(
            valid.representatives[0].role.as_deref(),
            Some("Public protection")
        );
    }

    #[test]
    fn bad_fields_are_named_including_nested_representatives() {
        let mut bad = input();
        bad.short_code = "P".into();
        bad.sector = None;
        bad.secure_email = "marac@police".into();
        bad.representatives.push(RepresentativeInput {
            id: None,
            name: "".into(),
            role: "".into(),
            email: "not-an-email".into(),
        });
        assert_eq!(
            invalid_fields(&bad),
            [
                "short_code",
                "sector",
                "secure_email",
                "representatives.1.name",
                "representatives.1.email"
            ]
        );
    }

    #[test]
    fn short_codes_are_plain_letters_and_digits() {
        for code in ["CSC", "YJS-2", "A&E"] {
            let mut ok = input();
            ok.short_code = code.into();
            assert!(ok.validate().is_ok(), "{code} should be accepted");
        }
        for code in ["C S C", "ÉDU", "POL!", "ABCDEFGHIJKLM"] {
            let mut bad = input();
            bad.short_code = code.into();
            assert_eq!(
                invalid_fields(&bad),
                ["short_code"],
                "{code} should be refused"
            );
        }
    }
}
