//! The rest of the SafeLives referral form, kept as records beside the case
//! (issue 19): the perpetrators, the children in the household (unborn
//! too), how to reach the person safely, whether they know of the
//! referral, the lawful ground for sharing without consent from the
//! recognised list with any conditions the person set, an earlier MARAC
//! elsewhere, and any risk to professionals. Saved as typed from the case's
//! page; the case's own fields (and their free text) are untouched.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::case::YesNoUnknown;
use crate::dates::{age_on, parse_date};
use crate::error::CoreResult;
use crate::validate::Validator;

const MAX_PEOPLE: usize = 20;

crate::code_enum!(
    /// The perpetrator's relationship to the person referred.
    PerpetratorRelationship {
        CurrentPartner = "current_partner",
        FormerPartner = "former_partner",
        FamilyMember = "family_member",
        Other = "other",
    }
);

impl PerpetratorRelationship {
    pub fn label(self) -> &'static str {
        match self {
            Self::CurrentPartner => "current partner",
            Self::FormerPartner => "former partner",
            Self::FamilyMember => "family member",
            Self::Other => "other",
        }
    }
}

crate::code_enum!(
    /// A child's relationship to an adult in the case.
    ChildRelationship {
        Child = "child",
        Stepchild = "stepchild",
        Grandchild = "grandchild",
        Sibling = "sibling",
        OtherRelative = "other_relative",
        None = "none",
        NotKnown = "not_known",
    }
);

crate::code_enum!(
    /// The recognised grounds for sharing without consent.
    LawfulGround {
        RiskOfSeriousHarm = "risk_of_serious_harm",
        PreventionOrDetectionOfCrime = "prevention_or_detection_of_crime",
        ChildProtection = "child_protection",
        PublicInterest = "public_interest",
        VitalInterests = "vital_interests",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PerpetratorInput {
    pub id: Option<Uuid>,
    pub name: String,
    pub aliases: Vec<String>,
    /// As typed; empty when not known.
    pub date_of_birth: String,
    pub relationship: Option<PerpetratorRelationship>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChildInput {
    pub id: Option<Uuid>,
    /// May be empty for an unborn child.
    pub name: String,
    /// As typed: the date of birth, or empty for an unborn child.
    pub date_of_birth: String,
    /// As typed: the expected date, for an unborn child only.
    pub due_date: String,
    pub relationship_to_person: Option<ChildRelationship>,
    pub relationship_to_perpetrator: Option<ChildRelationship>,
    /// Whose care the child is in, as the referrer says it.
    pub lives_with: String,
    pub school: String,
}

/// The referral form's records, as typed; as stored, dates are YYYY-MM-DD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReferralDetails {
    pub perpetrators: Vec<PerpetratorInput>,
    pub children: Vec<ChildInput>,
    pub safe_phone: String,
    pub safe_to_call: Option<YesNoUnknown>,
    pub best_time_to_call: String,
    pub safe_to_leave_message: Option<YesNoUnknown>,
    pub knows_of_referral: Option<YesNoUnknown>,
    /// The ground for sharing without consent, from the recognised list.
    pub lawful_ground: Option<LawfulGround>,
    /// Any conditions the person set on sharing.
    pub consent_conditions: String,
    pub earlier_marac: Option<YesNoUnknown>,
    /// Where and when, if there was one.
    pub earlier_marac_where: String,
    pub risk_to_professionals: String,
}

impl ReferralDetails {
    pub fn empty() -> Self {
        Self {
            perpetrators: Vec::new(),
            children: Vec::new(),
            safe_phone: String::new(),
            safe_to_call: None,
            best_time_to_call: String::new(),
            safe_to_leave_message: None,
            knows_of_referral: None,
            lawful_ground: None,
            consent_conditions: String::new(),
            earlier_marac: None,
            earlier_marac_where: String::new(),
            risk_to_professionals: String::new(),
        }
    }

    /// Checks every field and returns the details cleaned (trimmed, dates
    /// as YYYY-MM-DD, empty rows dropped), or every problem by field.
    pub fn validate(&self, today: NaiveDate) -> CoreResult<ReferralDetails> {
        let mut v = Validator::new();
        let mut out = Self::empty();
        if self.perpetrators.len() > MAX_PEOPLE {
            v.add(
                "perpetrators",
                format!("List up to {MAX_PEOPLE} perpetrators."),
            );
        }
        if self.children.len() > MAX_PEOPLE {
            v.add("children", format!("List up to {MAX_PEOPLE} children."));
        }
        for (i, p) in self.perpetrators.iter().enumerate().take(MAX_PEOPLE) {
            if let Some(p) = perpetrator(&mut v, i, p, today) {
                out.perpetrators.push(p);
            }
        }
        for (i, c) in self.children.iter().enumerate().take(MAX_PEOPLE) {
            if let Some(c) = child(&mut v, i, c, today) {
                out.children.push(c);
            }
        }
        let text = |v: &mut Validator, field: &str, label: &str, value: &str, max| {
            v.optional(field, label, value, max).unwrap_or_default()
        };
        out.safe_phone = text(
            &mut v,
            "safe_phone",
            "the safe number",
            &self.safe_phone,
            40,
        );
        out.best_time_to_call = text(
            &mut v,
            "best_time_to_call",
            "the best time to call",
            &self.best_time_to_call,
            120,
        );
        out.consent_conditions = v
            .optional_multiline(
                "consent_conditions",
                "the conditions",
                &self.consent_conditions,
                1_000,
            )
            .unwrap_or_default();
        out.earlier_marac_where = text(
            &mut v,
            "earlier_marac_where",
            "where the earlier MARAC was",
            &self.earlier_marac_where,
            200,
        );
        out.risk_to_professionals = v
            .optional_multiline(
                "risk_to_professionals",
                "the risk to professionals",
                &self.risk_to_professionals,
                2_000,
            )
            .unwrap_or_default();
        out.safe_to_call = self.safe_to_call;
        out.safe_to_leave_message = self.safe_to_leave_message;
        out.knows_of_referral = self.knows_of_referral;
        out.lawful_ground = self.lawful_ground;
        out.earlier_marac = self.earlier_marac;
        v.finish()?;
        Ok(out)
    }
}

/// A date as typed, read and bounded: `Some("")` when empty.
fn typed_date(
    v: &mut Validator,
    field: &str,
    typed: &str,
    today: NaiveDate,
) -> Option<(String, Option<NaiveDate>)> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Some((String::new(), None));
    }
    match parse_date(typed, today) {
        Some(d) => Some((d.format("%Y-%m-%d").to_string(), Some(d))),
        None => {
            v.add(field, "Enter a real date, like 14/03/2019.");
            None
        }
    }
}

fn perpetrator(
    v: &mut Validator,
    i: usize,
    p: &PerpetratorInput,
    today: NaiveDate,
) -> Option<PerpetratorInput> {
    let field = |name: &str| format!("perpetrators.{i}.{name}");
    let name = v.optional(&field("name"), "the perpetrator's name", &p.name, 120);
    let aliases: Vec<String> = p
        .aliases
        .iter()
        .take(20)
        .enumerate()
        .filter_map(|(k, a)| v.optional(&format!("{}.{k}", field("aliases")), "an alias", a, 120))
        .collect();
    let dob = typed_date(v, &field("date_of_birth"), &p.date_of_birth, today);
    if let Some((_, Some(d))) = &dob {
        if *d > today {
            v.add(field("date_of_birth"), "Date of birth must be in the past.");
        } else if age_on(*d, today).is_some_and(|a| a > 120) {
            v.add(
                field("date_of_birth"),
                "Check the date of birth: that would make them over 120.",
            );
        }
    }
    let dob = dob.map(|(text, _)| text).unwrap_or_default();
    if name.is_none() && aliases.is_empty() && dob.is_empty() && p.relationship.is_none() {
        return None;
    }
    if name.is_none() {
        v.add(
            field("name"),
            "Enter the perpetrator's name, or remove the row.",
        );
    }
    Some(PerpetratorInput {
        id: p.id,
        name: name.unwrap_or_default(),
        aliases,
        date_of_birth: dob,
        relationship: p.relationship,
    })
}

fn child(v: &mut Validator, i: usize, c: &ChildInput, today: NaiveDate) -> Option<ChildInput> {
    let field = |name: &str| format!("children.{i}.{name}");
    let name = v
        .optional(&field("name"), "the child's name", &c.name, 120)
        .unwrap_or_default();
    let lives_with = v
        .optional(
            &field("lives_with"),
            "whom the child lives with",
            &c.lives_with,
            200,
        )
        .unwrap_or_default();
    let school = v
        .optional(&field("school"), "the school or setting", &c.school, 200)
        .unwrap_or_default();
    let born = typed_date(v, &field("date_of_birth"), &c.date_of_birth, today);
    let due = typed_date(v, &field("due_date"), &c.due_date, today);
    let (born, due) = match (born, due) {
        (Some(b), Some(d)) => (b, d),
        _ => return Some(c.clone()),
    };
    let empty = name.is_empty()
        && born.0.is_empty()
        && due.0.is_empty()
        && lives_with.is_empty()
        && school.is_empty();
    if empty && c.relationship_to_person.is_none() && c.relationship_to_perpetrator.is_none() {
        return None;
    }
    match (born.1, due.1) {
        (Some(_), Some(_)) => v.add(
            field("due_date"),
            "A child has a date of birth or, unborn, a due date: not both.",
        ),
        (Some(b), None) if b > today => v.add(
            field("date_of_birth"),
            "Date of birth must be in the past; for an unborn child enter the due date.",
        ),
        (Some(b), None) if age_on(b, today).is_some_and(|a| a > 17) => v.add(
            field("date_of_birth"),
            "This person is 18 or over: record adults as linked people, not children.",
        ),
        (None, Some(d)) if d < today => v.add(
            field("due_date"),
            "The due date has passed: enter the child's date of birth instead.",
        ),
        (None, Some(d)) if (d - today).num_days() > 300 => v.add(
            field("due_date"),
            "A due date is within the next ten months.",
        ),
        (None, None) if name.is_empty() => v.add(
            field("name"),
            "Enter the child's name, date of birth or due date, or remove the row.",
        ),
        _ => {}
    }
    Some(ChildInput {
        id: c.id,
        name,
        date_of_birth: born.0,
        due_date: due.0,
        relationship_to_person: c.relationship_to_person,
        relationship_to_perpetrator: c.relationship_to_perpetrator,
        lives_with,
        school,
    })
}
