//! Checking a case as typed: every field, with dates read the way people
//! write them, bounded by today, and the postcode's UK shape. Checks that
//! need the database are the case service's.

use chrono::NaiveDate;
use uuid::Uuid;

use super::case::*;
use crate::dates::{age_on, parse_date};
use crate::error::CoreResult;
use crate::validate::Validator;

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
        let aliases = self.checked_aliases(&mut v);

        let date_of_birth = self.checked_date_of_birth(&mut v, today);
        // An age is asked for only when the date of birth is not known.
        let approximate_age = match (date_of_birth, self.approximate_age) {
            (None, Some(age)) => Some(v.range("approximate_age", "approximate age", age, 0, 120)),
            _ => None,
        };

        let address = v.optional("address", "the address", &self.address, 300);
        let postcode = self.checked_postcode(&mut v);
        let school = v.optional("school", "the school or setting", &self.school, 200);
        let referring_officer = v.optional(
            "referring_officer",
            "the referring officer",
            &self.referring_officer,
            120,
        );

        let referral_date = self.checked_referral_date(&mut v, today);
        let referral_route = self.checked_referral_route(&mut v);
        let referral_reason = v.required_multiline(
            "referral_reason",
            "the reason for the referral",
            &self.referral_reason,
            4_000,
        );

        let concerns = self.checked_concerns(&mut v);

        let lawful_ground = self.checked_lawful_ground(&mut v);

        let (children_count, children_details) = self.checked_children(&mut v);

        let linked_people = self.checked_linked_people(&mut v);
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
            referral_route,
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

    /// How many children are in the household, and what is known of them.
    fn checked_children(&self, v: &mut Validator) -> (u32, Option<String>) {
        let count = v.range(
            "children_count",
            "the number of children",
            self.children_count,
            0,
            30,
        );
        let details = v.optional_multiline(
            "children_details",
            "details of the children",
            &self.children_details,
            2_000,
        );
        (count, details)
    }

    /// How the case came: required (the default returned with the error
    /// is never stored).
    fn checked_referral_route(&self, v: &mut Validator) -> ReferralRoute {
        if self.referral_route.is_none() {
            v.add("referral_route", "Select how the case was referred.");
        }
        self.referral_route
            .unwrap_or(ReferralRoute::ProfessionalJudgement)
    }

    fn checked_postcode(&self, v: &mut Validator) -> Option<String> {
        match self.postcode.trim() {
            "" => None,
            typed => match normalise_postcode(typed) {
                Some(pc) => Some(pc),
                None => {
                    v.add("postcode", "Enter a real postcode, like SE13 5AB.");
                    None
                }
            },
        }
    }

    fn checked_concerns(&self, v: &mut Validator) -> Vec<String> {
        let mut concerns = Vec::new();
        for (i, concern) in self.concerns.iter().enumerate() {
            if let Some(concern) = v.optional(&format!("concerns.{i}"), "a category", concern, 80)
                && !concerns.contains(&concern)
            {
                concerns.push(concern);
            }
        }
        concerns
    }

    fn checked_aliases(&self, v: &mut Validator) -> Vec<String> {
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
        aliases
    }

    fn checked_date_of_birth(&self, v: &mut Validator, today: NaiveDate) -> Option<NaiveDate> {
        match self.date_of_birth.trim() {
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
        }
    }

    fn checked_referral_date(&self, v: &mut Validator, today: NaiveDate) -> NaiveDate {
        match parse_date(&self.referral_date, today) {
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
        }
    }

    fn checked_lawful_ground(&self, v: &mut Validator) -> Option<String> {
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
        lawful_ground
    }

    fn checked_linked_people(
        &self,
        v: &mut Validator,
    ) -> Vec<(Option<Uuid>, String, Relationship, bool)> {
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
        linked_people
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

#[cfg(test)]
mod tests;
