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
        let mut bad = |what: &str| {
            problems.push(FieldError::new(
                m.field.case_field(),
                format!("{what} “{}” is not understood.", shorten(value)),
            ))
        };
        match m.field {
            ImportField::SubjectName => input.subject_name = value.into(),
            ImportField::Forename | ImportField::MiddleName | ImportField::Surname => {
                name_parts.push((m.field, value));
            }
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
                    format!(
                        "No agency in the directory is called “{}”. Choose the agency it means under “Agencies named in the file”, or use an agency's name or short code.",
                        shorten(value)
                    ),
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
    if input.subject_name.trim().is_empty() {
        input.subject_name = joined_name(&name_parts);
    }
    (input, problems)
}
