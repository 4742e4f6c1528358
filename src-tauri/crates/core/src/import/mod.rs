//! Referral import: which column holds which case field, what the whole file
//! stands for where a column is missing, and what the list's own words for
//! agencies mean. Reading the file is in `table`, one row in `row`, loose
//! values in `values`; previewing and committing are in `features::import`.

pub mod agency_rows;
mod row;
pub mod table;
mod values;

pub use row::{AgencyLookup, cell, dash_score, row_to_input};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::code_enum;

code_enum!(
    ImportField {
        SubjectName = "subject_name",
        Forename = "forename",
        MiddleName = "middle_name",
        Surname = "surname",
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
        /// A Dash checklist's score (0-24) the referrer recorded.
        DashScore = "dash_score",
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
            Self::Forename => &[
                "forename",
                "forenames",
                "firstname",
                "firstnames",
                "givenname",
                "givennames",
                "christianname",
            ],
            Self::MiddleName => &["middlename", "middlenames", "othergivennames"],
            Self::Surname => &["surname", "lastname", "familyname", "secondname"],
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
                "datereceived",
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
            Self::DashScore => &[
                "dash",
                "dashscore",
                "dashriskscore",
                "ricscore",
                "dashtotal",
            ],
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
            Self::Forename | Self::MiddleName | Self::Surname => "subject_name",
            other => other.as_str(),
        }
    }

    /// Whether one value can stand for every row when the list has no such
    /// column: facts about the referral, never about the person.
    pub fn takes_file_value(self) -> bool {
        matches!(
            self,
            Self::ReferringAgency
                | Self::ReferringOfficer
                | Self::ReferralDate
                | Self::ReferralRoute
                | Self::ReferralReason
                | Self::Concerns
                | Self::Consent
                | Self::LawfulGround
                | Self::LeadProfessional
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    pub field: ImportField,
    /// The file's column header, or none when the file has no such column.
    pub header: Option<String>,
    /// Read as every row's cell when `header` is none (only for fields that
    /// `takes_file_value`), written as a user would type it in the list.
    #[serde(default)]
    pub value: Option<String>,
}

/// What the list calls an agency that is not in the directory ("Police"),
/// and the directory agency it means (none: not chosen yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgencyWord {
    pub text: String,
    pub agency_id: Option<Uuid>,
}

/// Everything the user chooses in the preview; remembered per panel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportChoices {
    pub columns: Vec<ColumnMapping>,
    #[serde(default)]
    pub agencies: Vec<AgencyWord>,
}

/// Text compared without case, spaces or punctuation.
pub(crate) fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || *c == '+')
        .flat_map(char::to_lowercase)
        .collect()
}

/// A column for each field: the remembered one where the file has it, else
/// the first unused header whose wording fits; each header used at most once.
pub(crate) fn guess_columns<F: Copy>(
    headers: &[String],
    fields: &[F],
    remembered: impl Fn(F) -> Option<String>,
    synonyms: impl Fn(F) -> &'static [&'static str],
) -> Vec<Option<String>> {
    let mut used: Vec<&str> = Vec::new();
    fields
        .iter()
        .map(|field| {
            let pick = remembered(*field)
                .and_then(|r| headers.iter().find(|h| **h == r))
                .or_else(|| {
                    headers.iter().find(|h| {
                        !used.contains(&h.as_str())
                            && synonyms(*field).contains(&squash(h).as_str())
                    })
                });
            if let Some(h) = pick {
                used.push(h);
            }
            pick.cloned()
        })
        .collect()
}

/// A mapping for these headers: the panel's remembered choice where the
/// header is present, else a header whose wording fits; where no column fits,
/// the panel's remembered value for the whole file.
pub fn suggest_mapping(
    headers: &[String],
    remembered: &HashMap<String, String>,
    file_values: &HashMap<String, String>,
) -> Vec<ColumnMapping> {
    let columns = guess_columns(
        headers,
        ImportField::ALL,
        |f| remembered.get(f.as_str()).cloned(),
        ImportField::synonyms,
    );
    ImportField::ALL
        .iter()
        .zip(columns)
        .map(|(field, header)| ColumnMapping {
            field: *field,
            header,
            value: file_values.get(field.as_str()).cloned(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
