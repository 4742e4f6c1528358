//! One row of a referral list as a case input: each chosen column's cell, or
//! the value chosen for the whole file where the list has no such column, read
//! into the case form's fields; a name put together from its parts when the
//! list splits it over several columns.

use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::case::CaseInput;
use crate::error::FieldError;
use crate::import::values::{consent, ethnicity, gender, list, route, shorten, yes_no};
use crate::import::{ColumnMapping, ImportField, squash};

/// Agencies by name or short code, for the "referring agency" column, and the
/// panel's own words for them ("Police" meaning Lowbridge Police).
#[derive(Debug, Default)]
pub struct AgencyLookup {
    by_key: HashMap<String, Uuid>,
    words: HashMap<String, Uuid>,
    names: HashMap<Uuid, String>,
}

impl AgencyLookup {
    pub fn new(agencies: impl IntoIterator<Item = (Uuid, String, String)>) -> Self {
        let mut by_key = HashMap::new();
        let mut names = HashMap::new();
        for (id, name, code) in agencies {
            by_key.insert(squash(&name), id);
            by_key.insert(squash(&code), id);
            names.insert(id, name);
        }
        Self {
            by_key,
            words: HashMap::new(),
            names,
        }
    }

    /// Adds what a list calls an agency; a later word for the same text wins.
    pub fn with_word(&mut self, text: &str, agency_id: Uuid) {
        self.words.insert(squash(text), agency_id);
    }

    /// Forgets a word (the user set it back to "not chosen").
    pub fn without_word(&mut self, text: &str) {
        self.words.remove(&squash(text));
    }

    /// The directory agency this text names by its own name or short code.
    pub fn in_directory(&self, text: &str) -> Option<Uuid> {
        self.by_key.get(&squash(text)).copied()
    }

    /// The agency the panel chose for a word that is not in the directory.
    pub fn word(&self, text: &str) -> Option<Uuid> {
        self.words.get(&squash(text)).copied()
    }

    pub fn find(&self, text: &str) -> Option<Uuid> {
        self.in_directory(text).or_else(|| self.word(text))
    }

    /// Whether this id is an agency of the directory.
    pub fn knows(&self, id: Uuid) -> bool {
        self.names.contains_key(&id)
    }

    pub fn name(&self, id: Uuid) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }
}

/// The text a mapping gives for one row: the cell of its column, or the
/// value chosen for the whole file when the list has no such column.
pub fn cell<'a>(headers: &[String], row: &'a [String], m: &'a ColumnMapping) -> &'a str {
    match (&m.header, &m.value) {
        (Some(header), _) => headers
            .iter()
            .position(|h| h == header)
            .and_then(|col| row.get(col))
            .map_or("", |v| v.trim()),
        (None, Some(value)) if m.field.takes_file_value() => value.trim(),
        _ => "",
    }
}

/// Forename, middle names and surname as one name, in that order.
fn joined_name(parts: &[(ImportField, &str)]) -> String {
    [
        ImportField::Forename,
        ImportField::MiddleName,
        ImportField::Surname,
    ]
    .iter()
    .filter_map(|f| parts.iter().find(|(p, _)| p == f).map(|(_, v)| *v))
    .flat_map(str::split_whitespace)
    .collect::<Vec<_>>()
    .join(" ")
}

/// Sets one field of the form from a cell; for a value that cannot be
/// read, what the field is called in the message about it.
fn set(input: &mut CaseInput, field: ImportField, value: &str) -> Result<(), &'static str> {
    fn read<T>(parsed: Option<T>, what: &'static str) -> Result<T, &'static str> {
        parsed.ok_or(what)
    }
    match field {
        ImportField::Aliases => input.aliases = list(value),
        ImportField::DateOfBirth => input.date_of_birth = value.into(),
        ImportField::ApproximateAge => {
            input.approximate_age = Some(read(value.parse().ok(), "The age")?);
        }
        ImportField::Gender => input.gender = Some(read(gender(value), "The gender")?),
        ImportField::Ethnicity => input.ethnicity = Some(read(ethnicity(value), "The ethnicity")?),
        ImportField::Disability => input.disability = Some(read(yes_no(value), "Disability")?),
        ImportField::Lgbt => input.lgbt = Some(read(yes_no(value), "LGBT+")?),
        ImportField::Address => input.address = value.into(),
        ImportField::Postcode => input.postcode = value.into(),
        ImportField::School => input.school = value.into(),
        ImportField::ReferringOfficer => input.referring_officer = value.into(),
        ImportField::ReferralDate => input.referral_date = value.into(),
        ImportField::ReferralRoute => {
            input.referral_route = Some(read(route(value), "The referral route")?);
        }
        ImportField::ReferralReason => input.referral_reason = value.into(),
        ImportField::Concerns => input.concerns = list(value),
        ImportField::Consent => input.consent = Some(read(consent(value), "Consent")?),
        ImportField::LawfulGround => input.lawful_ground = value.into(),
        ImportField::ChildrenCount => {
            input.children_count = read(value.parse().ok(), "The number of children")?;
        }
        ImportField::ChildrenDetails => input.children_details = value.into(),
        ImportField::LeadProfessional => input.lead_professional = value.into(),
        // Read by the caller: names from several columns, agencies by
        // lookup, the Dash score beside the form ([`dash_score`]).
        ImportField::DashScore
        | ImportField::SubjectName
        | ImportField::Forename
        | ImportField::MiddleName
        | ImportField::Surname
        | ImportField::ReferringAgency => {}
    }
    Ok(())
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
    let mut name_parts = Vec::new();
    for m in mapping {
        let value = cell(headers, row, m);
        if value.is_empty() {
            continue;
        }
        match m.field {
            ImportField::SubjectName => input.subject_name = value.into(),
            ImportField::Forename | ImportField::MiddleName | ImportField::Surname => {
                name_parts.push((m.field, value));
            }
            ImportField::ReferringAgency => match agencies.find(value) {
                Some(id) => input.referring_agency_id = Some(id),
                None => problems.push(FieldError::new(
                    "referring_agency_id",
                    format!(
                        "No agency in the directory is called “{}”. Choose the agency it means under “Agencies named in the file”, or use an agency's name or short code.",
                        shorten(value)
                    ),
                )),
            },
            field => {
                if let Err(what) = set(&mut input, field, value) {
                    problems.push(FieldError::new(
                        field.case_field(),
                        format!("{what} “{}” is not understood.", shorten(value)),
                    ));
                }
            }
        }
    }
    if input.subject_name.trim().is_empty() {
        input.subject_name = joined_name(&name_parts);
    }
    (input, problems)
}

/// The row's Dash score, if the list has one: a whole number from 0 to 24.
pub fn dash_score(
    headers: &[String],
    row: &[String],
    mapping: &[ColumnMapping],
) -> Result<Option<u32>, FieldError> {
    let Some(m) = mapping.iter().find(|m| m.field == ImportField::DashScore) else {
        return Ok(None);
    };
    let value = cell(headers, row, m);
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u32>() {
        Ok(score) if score <= 24 => Ok(Some(score)),
        _ => Err(FieldError::new(
            "dash_score",
            format!(
                "The Dash score “{}” is not a whole number from 0 to 24.",
                shorten(value)
            ),
        )),
    }
}
