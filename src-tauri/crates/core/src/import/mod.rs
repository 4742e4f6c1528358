//! Referral import: which column holds which case field, and turning one row
//! of text into a case input. Reading the file is in `table`; previewing and
//! committing are in `services::import`.

pub mod table;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::code_enum;
use crate::domain::case::{CaseInput, Consent, Ethnicity, Gender, ReferralRoute, YesNoUnknown};
use crate::error::FieldError;

code_enum!(
    ImportField {
        SubjectName = "subject_name",
        Aliases = "aliases",
        DateOfBirth = "date_of_birth",
        ApproximateAge = "approximate_age",
        Gender = "gender",
        Ethnicity = "ethnicity",
        Disability = "disability",
        Lgbt = "lgbt",
        Address = "address",
        Postcode = "postcode",
        School = "school",
        ReferringAgency = "referring_agency",
        ReferringOfficer = "referring_officer",
        ReferralDate = "referral_date",
        ReferralRoute = "referral_route",
        ReferralReason = "referral_reason",
        Concerns = "concerns",
        Consent = "consent",
        LawfulGround = "lawful_ground",
        ChildrenCount = "children_count",
        ChildrenDetails = "children_details",
        LeadProfessional = "lead_professional",
    }
);

impl ImportField {
    /// Header texts that usually mean this field (compared without case,
    /// spaces or punctuation).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::SubjectName => &[
                "name",
                "fullname",
                "subject",
                "subjectname",
                "youngperson",
                "youngpersonsname",
                "victim",
                "victimname",
                "person",
                "childname",
            ],
            Self::Aliases => &[
                "alias",
                "aliases",
                "aka",
                "alsoknownas",
                "othernames",
                "nickname",
            ],
            Self::DateOfBirth => &["dob", "dateofbirth", "birthdate", "born"],
            Self::ApproximateAge => &["age", "approxage", "approximateage"],
            Self::Gender => &["gender", "sex"],
            Self::Ethnicity => &["ethnicity", "ethnicgroup", "ethnicorigin"],
            Self::Disability => &["disability", "disabled", "send"],
            Self::Lgbt => &["lgbt", "lgbtq", "lgbtq+", "lgbt+", "sexuality"],
            Self::Address => &["address", "homeaddress", "addressline"],
            Self::Postcode => &["postcode", "postalcode", "zip"],
            Self::School => &["school", "setting", "schoolorsetting", "education"],
            Self::ReferringAgency => &[
                "referringagency",
                "agency",
                "referrer",
                "referredby",
                "referringorganisation",
            ],
            Self::ReferringOfficer => &["referringofficer", "officer", "referrername", "contact"],
            Self::ReferralDate => &[
                "referraldate",
                "datereferred",
                "date",
                "dateofreferral",
                "received",
            ],
            Self::ReferralRoute => &["route", "referralroute", "referraltype", "howreferred"],
            Self::ReferralReason => &[
                "reason",
                "referralreason",
                "reasonforreferral",
                "concerns",
                "details",
                "summary",
                "notes",
            ],
            Self::Concerns => &[
                "categories",
                "categoriesofconcern",
                "concerntype",
                "riskcategories",
                "flags",
            ],
            Self::Consent => &["consent", "consentgiven"],
            Self::LawfulGround => &["lawfulground", "lawfulbasis", "groundforsharing"],
            Self::ChildrenCount => &[
                "children",
                "childreninhousehold",
                "numberofchildren",
                "noofchildren",
            ],
            Self::ChildrenDetails => &["childrendetails", "detailsofchildren"],
            Self::LeadProfessional => &[
                "leadprofessional",
                "keyworker",
                "allocatedworker",
                "youthadvocate",
                "advocate",
            ],
        }
    }

    /// The case form's field this column fills (for error messages).
    pub fn case_field(self) -> &'static str {
        match self {
            Self::ReferringAgency => "referring_agency_id",
            other => other.as_str(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    pub field: ImportField,
    /// The file's column header, or none when the file has no such column.
    pub header: Option<String>,
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == '+')
        .flat_map(char::to_lowercase)
        .collect()
}

/// A mapping for these headers: the panel's remembered choice where the
/// header is present, else a header whose wording fits.
pub fn suggest_mapping(
    headers: &[String],
    remembered: &HashMap<String, String>,
) -> Vec<ColumnMapping> {
    let mut used: Vec<&str> = Vec::new();
    ImportField::ALL
        .iter()
        .map(|field| {
            let pick = remembered
                .get(field.as_str())
                .and_then(|h| headers.iter().find(|x| *x == h))
                .or_else(|| {
                    headers.iter().find(|h| {
                        !used.contains(&h.as_str())
                            && field.synonyms().contains(&squash(h).as_str())
                    })
                });
            if let Some(h) = pick {
                used.push(h);
            }
            ColumnMapping {
                field: *field,
                header: pick.cloned(),
            }
        })
        .collect()
}

/// Agencies by name or short code, for the "referring agency" column.
#[derive(Debug, Default)]
pub struct AgencyLookup {
    by_key: HashMap<String, Uuid>,
}

impl AgencyLookup {
    pub fn new(agencies: impl IntoIterator<Item = (Uuid, String, String)>) -> Self {
        let mut by_key = HashMap::new();
        for (id, name, code) in agencies {
            by_key.insert(squash(&name), id);
            by_key.insert(squash(&code), id);
        }
        Self { by_key }
    }

    fn find(&self, text: &str) -> Option<Uuid> {
        self.by_key.get(&squash(text)).copied()
    }
}

fn yes_no(text: &str) -> Option<YesNoUnknown> {
    match squash(text).as_str() {
        "yes" | "y" | "true" | "1" => Some(YesNoUnknown::Yes),
        "no" | "n" | "false" | "0" => Some(YesNoUnknown::No),
        "notknown" | "unknown" | "nk" | "dontknow" | "notstated" | "prefernottosay" => {
            Some(YesNoUnknown::NotKnown)
        }
        _ => None,
    }
}

fn gender(text: &str) -> Option<Gender> {
    match squash(text).as_str() {
        "f" | "female" | "girl" | "woman" => Some(Gender::Female),
        "m" | "male" | "boy" | "man" => Some(Gender::Male),
        "nonbinary" | "nb" => Some(Gender::NonBinary),
        "other" | "selfdescribed" => Some(Gender::SelfDescribed),
        "notknown" | "unknown" | "nk" | "prefernottosay" | "notstated" => Some(Gender::NotKnown),
        _ => None,
    }
}

fn ethnicity(text: &str) -> Option<Ethnicity> {
    let t = squash(text);
    let has = |w: &str| t.contains(w);
    Some(match () {
        _ if has("bangladeshi") => Ethnicity::Bangladeshi,
        _ if has("chinese") => Ethnicity::Chinese,
        _ if has("indian") && !has("caribbean") => Ethnicity::Indian,
        _ if has("pakistani") => Ethnicity::Pakistani,
        _ if has("whiteandasian") => Ethnicity::WhiteAndAsian,
        _ if has("whiteandblackafrican") => Ethnicity::WhiteAndBlackAfrican,
        _ if has("whiteandblackcaribbean") => Ethnicity::WhiteAndBlackCaribbean,
        _ if has("mixed") || has("multiple") => Ethnicity::OtherMixed,
        _ if has("asian") => Ethnicity::OtherAsian,
        _ if has("african") => Ethnicity::African,
        _ if has("caribbean") => Ethnicity::Caribbean,
        _ if has("black") => Ethnicity::OtherBlack,
        _ if has("gypsy") || has("traveller") => Ethnicity::GypsyOrIrishTraveller,
        _ if has("roma") => Ethnicity::Roma,
        _ if has("irish") => Ethnicity::WhiteIrish,
        _ if has("british") || has("english") || has("welsh") || has("scottish") => {
            Ethnicity::WhiteBritish
        }
        _ if has("white") => Ethnicity::OtherWhite,
        _ if has("arab") => Ethnicity::Arab,
        _ if has("notstated") || has("notknown") || has("prefernot") || t == "unknown" => {
            Ethnicity::NotStated
        }
        _ if has("other") => Ethnicity::AnyOther,
        _ => return None,
    })
}

fn route(text: &str) -> Option<ReferralRoute> {
    let t = squash(text);
    let has = |w: &str| t.contains(w);
    Some(match () {
        _ if has("repeat") => ReferralRoute::Repeat,
        _ if has("escalat") => ReferralRoute::Escalation,
        _ if has("risk") || has("dash") || has("score") || has("threshold") => {
            ReferralRoute::RiskScore
        }
        _ if has("auto") || has("incident") || has("stab") || has("shoot") => {
            ReferralRoute::Automatic
        }
        _ if has("professional") || has("judg") => ReferralRoute::ProfessionalJudgement,
        _ => return None,
    })
}

fn consent(text: &str) -> Option<Consent> {
    let t = squash(text);
    Some(match t.as_str() {
        "yes" | "y" | "given" | "consentgiven" | "true" => Consent::Given,
        "no" | "n" | "notgiven" | "refused" | "declined" | "false" => Consent::NotGiven,
        "notsought" | "notasked" | "na" => Consent::NotSought,
        _ => return None,
    })
}

/// Splits a list cell ("Knife crime; County lines" or "a, b").
fn list(text: &str) -> Vec<String> {
    let sep = if text.contains(';') {
        ';'
    } else if text.contains('|') {
        '|'
    } else {
        ','
    };
    text.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One row as a case input, with the problems met while reading it (values
/// that could not be understood). Validation of the input comes after.
pub fn row_to_input(
    panel_id: Uuid,
    headers: &[String],
    row: &[String],
    mapping: &[ColumnMapping],
    agencies: &AgencyLookup,
) -> (CaseInput, Vec<FieldError>) {
    let mut input = CaseInput::blank(panel_id, chrono::NaiveDate::MIN);
    input.referral_date = String::new();
    let mut problems = Vec::new();
    for m in mapping {
        let Some(header) = &m.header else { continue };
        let Some(col) = headers.iter().position(|h| h == header) else {
            continue;
        };
        let value = row.get(col).map(|v| v.trim()).unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        let mut bad = |what: &str| {
            problems.push(FieldError::new(
                m.field.case_field(),
                format!("{what} “{}” is not understood.", shorten(value)),
            ))
        };
        match m.field {
            ImportField::SubjectName => input.subject_name = value.into(),
            ImportField::Aliases => input.aliases = list(value),
            ImportField::DateOfBirth => input.date_of_birth = value.into(),
            ImportField::ApproximateAge => match value.parse::<u32>() {
                Ok(age) => input.approximate_age = Some(age),
                Err(_) => bad("The age"),
            },
            ImportField::Gender => match gender(value) {
                Some(g) => input.gender = Some(g),
                None => bad("The gender"),
            },
            ImportField::Ethnicity => match ethnicity(value) {
                Some(e) => input.ethnicity = Some(e),
                None => bad("The ethnicity"),
            },
            ImportField::Disability => match yes_no(value) {
                Some(d) => input.disability = Some(d),
                None => bad("Disability"),
            },
            ImportField::Lgbt => match yes_no(value) {
                Some(d) => input.lgbt = Some(d),
                None => bad("LGBT+"),
            },
            ImportField::Address => input.address = value.into(),
            ImportField::Postcode => input.postcode = value.into(),
            ImportField::School => input.school = value.into(),
            ImportField::ReferringAgency => match agencies.find(value) {
                Some(id) => input.referring_agency_id = Some(id),
                None => problems.push(FieldError::new(
                    "referring_agency_id",
                    format!("No agency in the directory is called “{}”. Use an agency's name or short code.", shorten(value)),
                )),
            },
            ImportField::ReferringOfficer => input.referring_officer = value.into(),
            ImportField::ReferralDate => input.referral_date = value.into(),
            ImportField::ReferralRoute => match route(value) {
                Some(r) => input.referral_route = Some(r),
                None => bad("The referral route"),
            },
            ImportField::ReferralReason => input.referral_reason = value.into(),
            ImportField::Concerns => input.concerns = list(value),
            ImportField::Consent => match consent(value) {
                Some(c) => input.consent = Some(c),
                None => bad("Consent"),
            },
            ImportField::LawfulGround => input.lawful_ground = value.into(),
            ImportField::ChildrenCount => match value.parse::<u32>() {
                Ok(n) => input.children_count = n,
                Err(_) => bad("The number of children"),
            },
            ImportField::ChildrenDetails => input.children_details = value.into(),
            ImportField::LeadProfessional => input.lead_professional = value.into(),
        }
    }
    (input, problems)
}

/// A long cell quoted in a message is cut short.
fn shorten(value: &str) -> String {
    if value.chars().count() > 40 {
        format!("{}…", value.chars().take(40).collect::<String>())
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_are_recognised_and_remembered_choices_win() {
        let h = headers(&[
            "Young person's name",
            "D.O.B.",
            "Post Code",
            "Referred by",
            "Date referred",
            "Reason for referral",
            "Other",
        ]);
        let mapping = suggest_mapping(&h, &HashMap::new());
        let got = |f: ImportField| {
            mapping
                .iter()
                .find(|m| m.field == f)
                .and_then(|m| m.header.clone())
        };
        assert_eq!(
            got(ImportField::SubjectName).as_deref(),
            Some("Young person's name")
        );
        assert_eq!(got(ImportField::DateOfBirth).as_deref(), Some("D.O.B."));
        assert_eq!(got(ImportField::Postcode).as_deref(), Some("Post Code"));
        assert_eq!(
            got(ImportField::ReferringAgency).as_deref(),
            Some("Referred by")
        );
        assert_eq!(
            got(ImportField::ReferralDate).as_deref(),
            Some("Date referred")
        );
        assert_eq!(
            got(ImportField::ReferralReason).as_deref(),
            Some("Reason for referral")
        );
        assert_eq!(got(ImportField::Consent), None);

        let remembered = HashMap::from([("referral_reason".to_string(), "Other".to_string())]);
        let mapping = suggest_mapping(&h, &remembered);
        assert_eq!(
            mapping
                .iter()
                .find(|m| m.field == ImportField::ReferralReason)
                .and_then(|m| m.header.clone())
                .as_deref(),
            Some("Other")
        );
    }

    #[test]
    fn loose_values_are_understood_and_nonsense_is_reported() {
        let agency = Uuid::new_v4();
        let lookup =
            AgencyLookup::new([(agency, "Lowbridge Police".to_string(), "POL".to_string())]);
        let h = headers(&[
            "Name",
            "Gender",
            "Ethnicity",
            "Agency",
            "Route",
            "Consent",
            "Categories",
            "Children",
        ]);
        let mapping = suggest_mapping(&h, &HashMap::new());
        let row = headers(&[
            "Amara Okafor",
            "F",
            "Black or Black British: African",
            "pol",
            "Stabbing (automatic)",
            "Yes",
            "Knife crime; County lines",
            "2",
        ]);
        let (input, problems) = row_to_input(Uuid::nil(), &h, &row, &mapping, &lookup);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(input.gender, Some(Gender::Female));
        assert_eq!(input.ethnicity, Some(Ethnicity::African));
        assert_eq!(input.referring_agency_id, Some(agency));
        assert_eq!(input.referral_route, Some(ReferralRoute::Automatic));
        assert_eq!(input.consent, Some(Consent::Given));
        assert_eq!(input.concerns, ["Knife crime", "County lines"]);
        assert_eq!(input.children_count, 2);

        let row = headers(&["X", "banana", "", "Unknown Agency", "", "maybe", "", "two"]);
        let (_, problems) = row_to_input(Uuid::nil(), &h, &row, &mapping, &lookup);
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["gender", "referring_agency_id", "consent", "children_count"]
        );
    }
}
