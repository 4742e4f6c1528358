//! The agency directory from a list: which column holds which agency field,
//! and one row read into an agency with (at most) one representative. A list
//! may give one row per agency, or one row per representative with the
//! agency's name repeated; grouping rows is `features::agency_import`'s job.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum;
use crate::domain::{RepresentativeInput, Sector};
use crate::import::{guess_columns, squash};

code_enum!(
    AgencyField {
        Name = "name",
        ShortCode = "short_code",
        Sector = "sector",
        SecureEmail = "secure_email",
        RepresentativeName = "representative_name",
        RepresentativeRole = "representative_role",
        RepresentativeEmail = "representative_email",
    }
);

impl AgencyField {
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::Name => &[
                "name",
                "agency",
                "agencyname",
                "organisation",
                "organisationname",
                "organization",
                "service",
                "agencyorservice",
            ],
            Self::ShortCode => &["shortcode", "code", "abbreviation", "acronym", "initials"],
            Self::Sector => &["sector", "type", "agencytype", "category", "kind"],
            Self::SecureEmail => &[
                "secureemail",
                "agencyemail",
                "teamemail",
                "genericemail",
                "sharedemail",
                "mailbox",
                "securemailbox",
                "cjsmemail",
            ],
            Self::RepresentativeName => &[
                "representative",
                "representativename",
                "rep",
                "repname",
                "contact",
                "contactname",
                "maracrepresentative",
                "namedrepresentative",
            ],
            Self::RepresentativeRole => &[
                "role",
                "representativerole",
                "reprole",
                "jobtitle",
                "title",
                "position",
            ],
            Self::RepresentativeEmail => &[
                "representativeemail",
                "repemail",
                "contactemail",
                "email",
                "emailaddress",
            ],
        }
    }

    /// The agency form's field a problem with this column is reported on.
    pub fn form_field(self) -> &'static str {
        match self {
            Self::RepresentativeName => "representatives.name",
            Self::RepresentativeRole => "representatives.role",
            Self::RepresentativeEmail => "representatives.email",
            other => other.as_str(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgencyColumn {
    pub field: AgencyField,
    /// The file's column header, or none when the file has no such column.
    pub header: Option<String>,
}

/// A column for each field whose heading fits.
pub fn suggest_agency_columns(headers: &[String]) -> Vec<AgencyColumn> {
    guess_columns(headers, AgencyField::ALL, |_| None, AgencyField::synonyms)
        .into_iter()
        .zip(AgencyField::ALL)
        .map(|(header, field)| AgencyColumn {
            field: *field,
            header,
        })
        .collect()
}

/// A sector from what lists write ("Police", "CAMHS", "Youth justice",
/// "NHS Trust"), or from an agency's name when the list has no sector.
pub fn sector_from(text: &str) -> Option<Sector> {
    if let Some(s) = Sector::parse(text.trim()) {
        return Some(s);
    }
    let t = squash(text);
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    Some(match () {
        _ if has(&["childrenssocialcare", "childrensservices", "earlyhelp"]) || t == "csc" => {
            Sector::ChildrensSocialCare
        }
        _ if has(&["adultsocialcare", "adultsservices", "adultservices"]) || t == "asc" => {
            Sector::AdultSocialCare
        }
        _ if has(&["mentalhealth", "camhs", "psychiat", "psycholog"]) => Sector::MentalHealth,
        _ if has(&["police", "constabulary"]) => Sector::Police,
        _ if has(&["probation"]) => Sector::Probation,
        _ if has(&["youthoffending", "youthjustice"]) || t == "yot" || t == "yjs" => {
            Sector::YouthOffending
        }
        _ if has(&["substance", "drug", "alcohol"]) => Sector::SubstanceMisuse,
        _ if has(&["housing", "homes", "tenancy"]) => Sector::Housing,
        _ if has(&["education", "school", "college"]) => Sector::Education,
        _ if has(&["advoca", "idva", "isva"]) => Sector::Advocacy,
        _ if has(&["voluntary", "charity", "thirdsector"]) => Sector::VoluntarySector,
        _ if has(&["health", "nhs", "hospital", "nurs", "medical", "ambulance"]) || t == "gp" => {
            Sector::Health
        }
        _ if t == "other" => Sector::Other,
        _ => return None,
    })
}

/// A short code from an agency's name when the list has none: the initials
/// of its words ("Children's Social Care" gives "CSC").
pub fn code_from_name(name: &str) -> String {
    let initials: String = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !["and", "of", "the", "for", "&"].contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_uppercase())
        .take(8)
        .collect();
    if initials.chars().count() >= 2 {
        return initials;
    }
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(4)
        .flat_map(|c| c.to_uppercase())
        .collect()
}

/// One row of an agency list, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyRow {
    pub name: String,
    pub short_code: String,
    /// Whether the code was made from the name (the list had none).
    pub code_made: bool,
    pub sector: Option<Sector>,
    /// The sector text when it could not be understood.
    pub unknown_sector: Option<String>,
    pub secure_email: String,
    pub representative: Option<RepresentativeInput>,
}

pub fn read_agency_row(headers: &[String], row: &[String], columns: &[AgencyColumn]) -> AgencyRow {
    let text = |field: AgencyField| -> String {
        columns
            .iter()
            .find(|c| c.field == field)
            .and_then(|c| c.header.as_ref())
            .and_then(|h| headers.iter().position(|x| x == h))
            .and_then(|i| row.get(i))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let name = text(AgencyField::Name);
    let mut short_code = text(AgencyField::ShortCode);
    let code_made = short_code.is_empty() && !name.is_empty();
    if code_made {
        short_code = code_from_name(&name);
    }
    let sector_text = text(AgencyField::Sector);
    let (sector, unknown_sector) = if sector_text.is_empty() {
        (sector_from(&name), None)
    } else {
        match sector_from(&sector_text) {
            Some(s) => (Some(s), None),
            None => (None, Some(sector_text)),
        }
    };
    let rep_name = text(AgencyField::RepresentativeName);
    let rep_role = text(AgencyField::RepresentativeRole);
    let rep_email = text(AgencyField::RepresentativeEmail);
    let representative = (!rep_name.is_empty() || !rep_role.is_empty() || !rep_email.is_empty())
        .then_some(RepresentativeInput {
            id: None,
            name: rep_name,
            role: rep_role,
            email: rep_email,
        });
    AgencyRow {
        name,
        short_code,
        code_made,
        sector,
        unknown_sector,
        secure_email: text(AgencyField::SecureEmail),
        representative,
    }
}
