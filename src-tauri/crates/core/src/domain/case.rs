//! A case: a person discussed by a panel, across meetings, from referral to
//! closure. The input arrives as typed (dates as text) and is validated here;
//! checks that need the database (the panel's categories, the referring
//! agency) are made by the case service.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::dates::{age_on, parse_date};
use crate::error::CoreResult;
use crate::validate::Validator;

#[macro_export]
/// An enum stored and sent as a fixed code string.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $code)] $variant),* }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code),* }
            }
            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }
    };
}

code_enum!(
    /// Where a case is in its life.
    CaseStatus {
        Referred = "referred",
        Accepted = "accepted",
        Redirected = "redirected",
        Deferred = "deferred",
        Heard = "heard",
        UnderReview = "under_review",
        Closed = "closed",
    }
);

code_enum!(
    ReferralRoute {
        Automatic = "automatic",
        RiskScore = "risk_score",
        ProfessionalJudgement = "professional_judgement",
        Escalation = "escalation",
        Repeat = "repeat",
    }
);

code_enum!(
    Consent {
        Given = "given",
        NotGiven = "not_given",
        NotSought = "not_sought",
    }
);

code_enum!(
    Gender {
        Female = "female",
        Male = "male",
        NonBinary = "non_binary",
        SelfDescribed = "self_described",
        NotKnown = "not_known",
    }
);

code_enum!(
    YesNoUnknown {
        Yes = "yes",
        No = "no",
        NotKnown = "not_known",
    }
);

code_enum!(
    /// The ethnic groups of the 2021 census for England and Wales.
    Ethnicity {
        Bangladeshi = "asian_bangladeshi",
        Chinese = "asian_chinese",
        Indian = "asian_indian",
        Pakistani = "asian_pakistani",
        OtherAsian = "asian_other",
        African = "black_african",
        Caribbean = "black_caribbean",
        OtherBlack = "black_other",
        WhiteAndAsian = "mixed_white_asian",
        WhiteAndBlackAfrican = "mixed_white_black_african",
        WhiteAndBlackCaribbean = "mixed_white_black_caribbean",
        OtherMixed = "mixed_other",
        WhiteBritish = "white_british",
        WhiteIrish = "white_irish",
        GypsyOrIrishTraveller = "white_gypsy_irish_traveller",
        Roma = "white_roma",
        OtherWhite = "white_other",
        Arab = "other_arab",
        AnyOther = "other_any",
        NotStated = "not_stated",
    }
);

code_enum!(
    Relationship {
        Perpetrator = "perpetrator",
        Peer = "peer",
        Sibling = "sibling",
        Associate = "associate",
        Parent = "parent",
        Other = "other",
    }
);

/// The categories a new panel starts with; each panel can edit its list.
pub const DEFAULT_CONCERNS: &[&str] = &[
    "Serious youth violence",
    "Knife crime",
    "Criminal exploitation",
    "County lines",
    "Sexual exploitation",
    "Missing",
    "Gang association",
    "Domestic abuse",
    "Online harm",
    "Trafficking",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkedPersonInput {
    pub id: Option<Uuid>,
    pub name: String,
    pub relationship: Option<Relationship>,
    /// Must not be seen or placed with the subject (e.g. a perpetrator).
    pub keep_apart: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseInput {
    pub panel_id: Uuid,
    pub subject_name: String,
    pub aliases: Vec<String>,
    /// As typed: "14/03/2009", "2009-03-14", ... Empty when not known.
    pub date_of_birth: String,
    /// When the date of birth is not known.
    pub approximate_age: Option<u32>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<Ethnicity>,
    pub disability: Option<YesNoUnknown>,
    pub lgbt: Option<YesNoUnknown>,
    pub address: String,
    pub postcode: String,
    pub school: String,
    pub referring_agency_id: Option<Uuid>,
    pub referring_officer: String,
    pub referral_date: String,
    pub referral_route: Option<ReferralRoute>,
    /// Why the referral was made, in words (professional judgement must be written down).
    pub referral_reason: String,
    pub concerns: Vec<String>,
    pub consent: Option<Consent>,
    /// Required when consent was not given: the lawful ground for sharing.
    pub lawful_ground: String,
    pub children_count: u32,
    pub children_details: String,
    pub linked_people: Vec<LinkedPersonInput>,
    pub lead_professional: String,
}

/// A case input that passed validation, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCase {
    pub subject_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub approximate_age: Option<u32>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<Ethnicity>,
    pub disability: Option<YesNoUnknown>,
    pub lgbt: Option<YesNoUnknown>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub school: Option<String>,
    pub referring_agency_id: Option<Uuid>,
    pub referring_officer: Option<String>,
    pub referral_date: NaiveDate,
    pub referral_route: ReferralRoute,
    pub referral_reason: String,
    pub concerns: Vec<String>,
    pub consent: Consent,
    pub lawful_ground: Option<String>,
    pub children_count: u32,
    pub children_details: Option<String>,
    pub linked_people: Vec<(Option<Uuid>, String, Relationship, bool)>,
    pub lead_professional: Option<String>,
}

const MAX_ALIASES: usize = 20;
const MAX_LINKED: usize = 50;

/// UK postcode shape (outward code, space, inward code), upper-cased and
/// spaced: "se135ab" -> "SE13 5AB". `None` if it is not one.
pub fn normalise_postcode(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    let outward_ok = outward.as_bytes()[0].is_ascii_alphabetic()
        && outward.chars().all(|c| c.is_ascii_alphanumeric())
        && outward.chars().any(|c| c.is_ascii_digit());
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

impl CaseInput {
    /// Checks every field; `today` bounds dates (nothing referred or born in the future).
    pub fn validate(&self, today: NaiveDate) -> CoreResult<ValidCase> {
        let mut v = Validator::new();
        let subject_name = v.required("subject_name", "the person's name", &self.subject_name, 120);
        if self.aliases.len() > MAX_ALIASES {
            v.add("aliases", format!("List up to {MAX_ALIASES} aliases."));
        }
        let mut aliases = Vec::new();
        for (i, alias) in self.aliases.iter().take(MAX_ALIASES).enumerate() {
            if let Some(alias) = v.optional(&format!("aliases.{i}"), "an alias", alias, 120)
                && !aliases.contains(&alias)
            {
                aliases.push(alias);
            }
        }

        let date_of_birth = match self.date_of_birth.trim() {
            "" => None,
            typed => match parse_date(typed, today) {
                None => {
                    v.add(
                        "date_of_birth",
                        "Enter the date of birth as a real date, like 14/03/2009.",
                    );
                    None
                }
                Some(dob) if dob > today => {
                    v.add("date_of_birth", "Date of birth must be in the past.");
                    None
                }
                Some(dob) if age_on(dob, today).is_some_and(|age| age > 120) => {
                    v.add(
                        "date_of_birth",
                        "Check the date of birth: that would make them over 120.",
                    );
                    None
                }
                Some(dob) => Some(dob),
            },
        };
        let approximate_age = match (date_of_birth, self.approximate_age) {
            (Some(_), _) => None,
            (None, Some(age)) => Some(v.range("approximate_age", "approximate age", age, 0, 120)),
            (None, None) => None,
        };

        let address = v.optional("address", "the address", &self.address, 300);
        let postcode = match self.postcode.trim() {
            "" => None,
            typed => match normalise_postcode(typed) {
                Some(pc) => Some(pc),
                None => {
                    v.add("postcode", "Enter a real postcode, like SE13 5AB.");
                    None
                }
            },
        };
        let school = v.optional("school", "the school or setting", &self.school, 200);
        let referring_officer = v.optional(
            "referring_officer",
            "the referring officer",
            &self.referring_officer,
            120,
        );

        let referral_date = match parse_date(&self.referral_date, today) {
            _ if self.referral_date.trim().is_empty() => {
                v.add("referral_date", "Enter the referral date.");
                today
            }
            None => {
                v.add(
                    "referral_date",
                    "Enter the referral date as a real date, like 02/11/2026.",
                );
                today
            }
            Some(date) if date > today => {
                v.add("referral_date", "Referral date cannot be in the future.");
                today
            }
            Some(date) => date,
        };
        if self.referral_route.is_none() {
            v.add("referral_route", "Select how the case was referred.");
        }
        let referral_reason = v.required_multiline(
            "referral_reason",
            "the reason for the referral",
            &self.referral_reason,
            4_000,
        );

        let mut concerns = Vec::new();
        for (i, concern) in self.concerns.iter().enumerate() {
            if let Some(concern) = v.optional(&format!("concerns.{i}"), "a category", concern, 80)
                && !concerns.contains(&concern)
            {
                concerns.push(concern);
            }
        }

        if self.consent.is_none() {
            v.add(
                "consent",
                "Select whether the person consented to their information being shared.",
            );
        }
        let lawful_ground = v.optional_multiline(
            "lawful_ground",
            "the lawful ground",
            &self.lawful_ground,
            1_000,
        );
        if self.consent == Some(Consent::NotGiven)
            && lawful_ground.is_none()
            && !v.has_error("lawful_ground")
        {
            v.add(
                "lawful_ground",
                "Enter the lawful ground for sharing without consent, for example to prevent serious harm.",
            );
        }

        let children_count = v.range(
            "children_count",
            "the number of children",
            self.children_count,
            0,
            30,
        );
        let children_details = v.optional_multiline(
            "children_details",
            "details of the children",
            &self.children_details,
            2_000,
        );

        if self.linked_people.len() > MAX_LINKED {
            v.add(
                "linked_people",
                format!("List up to {MAX_LINKED} linked people."),
            );
        }
        let mut linked_people = Vec::new();
        for (i, person) in self.linked_people.iter().take(MAX_LINKED).enumerate() {
            let name = v.required(
                &format!("linked_people.{i}.name"),
                "the linked person's name",
                &person.name,
                120,
            );
            match person.relationship {
                Some(rel) => linked_people.push((person.id, name, rel, person.keep_apart)),
                None => v.add(
                    format!("linked_people.{i}.relationship"),
                    "Select the relationship.",
                ),
            }
        }
        let lead_professional = v.optional(
            "lead_professional",
            "the lead professional",
            &self.lead_professional,
            120,
        );

        v.finish()?;
        Ok(ValidCase {
            subject_name,
            aliases,
            date_of_birth,
            approximate_age,
            gender: self.gender,
            ethnicity: self.ethnicity,
            disability: self.disability,
            lgbt: self.lgbt,
            address,
            postcode,
            school,
            referring_agency_id: self.referring_agency_id,
            referring_officer,
            referral_date,
            referral_route: self
                .referral_route
                .unwrap_or(ReferralRoute::ProfessionalJudgement),
            referral_reason,
            concerns,
            consent: self.consent.unwrap_or(Consent::NotSought),
            lawful_ground,
            children_count,
            children_details,
            linked_people,
            lead_professional,
        })
    }

    /// An empty form for `panel_id`, referred today.
    pub fn blank(panel_id: Uuid, today: NaiveDate) -> Self {
        Self {
            panel_id,
            subject_name: String::new(),
            aliases: Vec::new(),
            date_of_birth: String::new(),
            approximate_age: None,
            gender: None,
            ethnicity: None,
            disability: None,
            lgbt: None,
            address: String::new(),
            postcode: String::new(),
            school: String::new(),
            referring_agency_id: None,
            referring_officer: String::new(),
            referral_date: today.format("%Y-%m-%d").to_string(),
            referral_route: None,
            referral_reason: String::new(),
            concerns: Vec::new(),
            consent: None,
            lawful_ground: String::new(),
            children_count: 0,
            children_details: String::new(),
            linked_people: Vec::new(),
            lead_professional: String::new(),
        }
    }
}

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
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseEvent {
    pub at: String,
    pub kind: String,
    pub detail: String,
    pub recorded_by: String,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CoreError;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn good() -> CaseInput {
        let mut input = CaseInput::blank(Uuid::nil(), today());
        input.subject_name = " Amara Okafor ".into();
        input.date_of_birth = "14/03/2009".into();
        input.referral_route = Some(ReferralRoute::Automatic);
        input.referral_reason = "Stabbed in the leg outside school, 2 November.".into();
        input.consent = Some(Consent::Given);
        input.postcode = "se135ab".into();
        input
    }

    fn fields(input: &CaseInput) -> Vec<String> {
        match input.validate(today()) {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected errors, got {other:?}"),
        }
    }

    #[test]
    fn a_good_referral_is_cleaned() {
        let valid = good().validate(today()).unwrap();
        assert_eq!(valid.subject_name, "Amara Okafor");
        assert_eq!(valid.date_of_birth, NaiveDate::from_ymd_opt(2009, 3, 14));
        assert_eq!(valid.postcode.as_deref(), Some("SE13 5AB"));
        assert_eq!(valid.referral_date, today());
    }

    #[test]
    fn required_fields_and_bad_dates_are_named() {
        let mut input = CaseInput::blank(Uuid::nil(), today());
        input.date_of_birth = "31/02/2010".into();
        input.referral_date = "next week".into();
        input.postcode = "not a postcode".into();
        assert_eq!(
            fields(&input),
            [
                "subject_name",
                "date_of_birth",
                "postcode",
                "referral_date",
                "referral_route",
                "referral_reason",
                "consent"
            ]
        );
    }

    #[test]
    fn sharing_without_consent_needs_a_lawful_ground() {
        let mut input = good();
        input.consent = Some(Consent::NotGiven);
        assert_eq!(fields(&input), ["lawful_ground"]);
        input.lawful_ground = "Prevention of serious harm (DPA 2018 Sch 8)".into();
        assert!(input.validate(today()).is_ok());
    }

    #[test]
    fn future_dates_and_incomplete_linked_people_are_refused() {
        let mut input = good();
        input.date_of_birth = "2030-01-01".into();
        input.referral_date = "01/01/2030".into();
        input.linked_people.push(LinkedPersonInput {
            id: None,
            name: "".into(),
            relationship: None,
            keep_apart: true,
        });
        assert_eq!(
            fields(&input),
            [
                "date_of_birth",
                "referral_date",
                "linked_people.0.name",
                "linked_people.0.relationship"
            ]
        );
    }

    #[test]
    fn approximate_age_only_counts_without_a_date_of_birth() {
        let mut input = good();
        input.approximate_age = Some(15);
        assert_eq!(input.validate(today()).unwrap().approximate_age, None);
        input.date_of_birth.clear();
        assert_eq!(input.validate(today()).unwrap().approximate_age, Some(15));
    }

    #[test]
    fn postcodes() {
        assert_eq!(normalise_postcode("se13 5ab").as_deref(), Some("SE13 5AB"));
        assert_eq!(normalise_postcode("W1A1AA").as_deref(), Some("W1A 1AA"));
        assert_eq!(normalise_postcode("EC1A 1BB").as_deref(), Some("EC1A 1BB"));
        for bad in ["12345", "SE13", "ABC DEF", "SE13 5A"] {
            assert_eq!(normalise_postcode(bad), None, "{bad}");
        }
    }
}
