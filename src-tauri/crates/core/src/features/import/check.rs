//! Reading a referral list against the panel's choices: every row turned into
//! a case input and validated exactly as the case form would, with problems by
//! row and column. Preview and commit both run this, so a commit checks
//! exactly what it writes.

use std::collections::HashMap;

use crate::store::sql::Db;
use chrono::NaiveDate;
use uuid::Uuid;

use super::remember::{self, Remembered};
use super::{AgencyWordUse, ImportRowPreview, RowProblem};
use crate::domain::case::{CaseInput, ValidCase};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::features::cases::{panel_concerns, panel_facts};
use crate::import::table::{Table, read_table};
use crate::import::{
    AgencyLookup, ColumnMapping, ImportChoices, ImportField, cell, dash_score, row_to_input,
    squash, suggest_mapping,
};
use crate::matching::normalise;

const PREVIEW_ROWS: usize = 50;
const NOT_IN_FILE: &str = "(not in the file)";

pub(super) struct Checked {
    pub table: Table,
    pub choices: ImportChoices,
    /// Each good row: its number, the case, its Dash score if the list has one.
    pub valid: Vec<(u32, ValidCase, Option<u32>)>,
    pub problems: Vec<RowProblem>,
    pub previews: Vec<ImportRowPreview>,
    pub agency_words: Vec<AgencyWordUse>,
}

fn agency_lookup(db: &dyn Db) -> CoreResult<AgencyLookup> {
    Ok(AgencyLookup::new(crate::tables::imports::agency_names(db)?))
}

/// Choices sent by the UI must name real columns, each at most once, and
/// values for the whole file that read as a cell would.
fn check_columns(
    table: &Table,
    mapping: &[ColumnMapping],
    agencies: &AgencyLookup,
) -> CoreResult<()> {
    let mut seen = HashMap::new();
    for m in mapping {
        let key = format!("mapping.{}", m.field.as_str());
        if let Some(h) = &m.header {
            if !table.headers.contains(h) {
                return Err(CoreError::field(
                    key,
                    format!("The file has no column called “{h}”."),
                ));
            }
            if let Some(other) = seen.insert(h.clone(), m.field) {
                return Err(CoreError::field(
                    key,
                    format!(
                        "The column “{h}” is already used for {}. Choose one column per field.",
                        other.as_str().replace('_', " ")
                    ),
                ));
            }
        } else if m.value.as_deref().is_some_and(|v| !v.trim().is_empty()) {
            if !m.field.takes_file_value() {
                return Err(CoreError::field(
                    key,
                    "This differs from person to person: it can only come from a column.",
                ));
            }
            let (_, problems) =
                row_to_input(Uuid::nil(), &[], &[], std::slice::from_ref(m), agencies);
            if let Some(p) = problems.into_iter().next() {
                return Err(CoreError::field(key, p.message));
            }
        }
    }
    Ok(())
}

/// The panel's remembered choices, overlaid by those sent with this request.
fn resolve(
    conn: &dyn Db,
    panel_id: Uuid,
    table: &Table,
    sent: Option<&ImportChoices>,
) -> CoreResult<(ImportChoices, AgencyLookup)> {
    let mut agencies = agency_lookup(conn)?;
    let Remembered {
        headers,
        values,
        words,
    } = remember::load(conn, panel_id)?;
    for (word, agency) in &words {
        agencies.with_word(word, *agency);
    }
    let Some(sent) = sent else {
        let columns = suggest_mapping(&table.headers, &headers, &values);
        return Ok((
            ImportChoices {
                columns,
                agencies: Vec::new(),
            },
            agencies,
        ));
    };
    for (i, word) in sent.agencies.iter().enumerate() {
        match word.agency_id {
            Some(id) if agencies.knows(id) => agencies.with_word(&word.text, id),
            Some(_) => {
                return Err(CoreError::field(
                    format!("agencies.{i}"),
                    "That agency is no longer in the directory. Choose another.",
                ));
            }
            None => agencies.without_word(&word.text),
        }
    }
    check_columns(table, &sent.columns, &agencies)?;
    Ok((sent.clone(), agencies))
}

/// Each distinct agency text of the list that is not a directory agency,
/// with how many rows use it and the agency chosen for it so far.
fn agency_words(
    table: &Table,
    choices: &ImportChoices,
    agencies: &AgencyLookup,
) -> Vec<AgencyWordUse> {
    let Some(m) = choices
        .columns
        .iter()
        .find(|m| m.field == ImportField::ReferringAgency)
    else {
        return Vec::new();
    };
    let mut found: Vec<(String, AgencyWordUse)> = Vec::new();
    for (_, row) in &table.rows {
        let text = cell(&table.headers, row, m);
        if text.is_empty() || agencies.in_directory(text).is_some() {
            continue;
        }
        let key = squash(text);
        match found.iter_mut().find(|(k, _)| *k == key) {
            Some((_, word)) => word.rows += 1,
            None => found.push((
                key,
                AgencyWordUse {
                    text: text.to_owned(),
                    rows: 1,
                    agency_id: agencies.word(text),
                },
            )),
        }
    }
    found.into_iter().map(|(_, w)| w).collect()
}

/// Where a problem with a case field shows in the file: its columns, or the
/// value chosen for every row.
fn columns_by_field(mapping: &[ColumnMapping]) -> HashMap<&'static str, String> {
    let mut places: HashMap<&'static str, Vec<String>> = HashMap::new();
    for m in mapping {
        let place = match (&m.header, &m.value) {
            (Some(h), _) => h.clone(),
            (None, Some(v)) if m.field.takes_file_value() && !v.trim().is_empty() => {
                "(chosen for every row)".to_owned()
            }
            _ => continue,
        };
        places.entry(m.field.case_field()).or_default().push(place);
    }
    places
        .into_iter()
        .map(|(k, v)| (k, v.join(" + ")))
        .collect()
}

/// What a row's own form cannot know: whether its concerns are the panel's,
/// and whether an earlier row of the list is the same person.
fn beyond_the_form(
    case: &ValidCase,
    concerns: &[String],
    seen: &mut HashMap<String, u32>,
    row_number: u32,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    for (i, concern) in case.concerns.iter().enumerate() {
        if !concerns.iter().any(|k| k.eq_ignore_ascii_case(concern)) {
            problems.push(FieldError::new(
                format!("concerns.{i}"),
                format!("“{concern}” is not one of this panel's categories of concern."),
            ));
        }
    }
    let key = format!("{}|{:?}", normalise(&case.subject_name), case.date_of_birth);
    if let Some(first) = seen.get(&key) {
        problems.push(FieldError::new(
            "subject_name",
            format!("Same name and date of birth as row {first}. Remove one of the two rows."),
        ));
    } else {
        seen.insert(key, row_number);
    }
    problems
}

/// A row as the preview shows it: the values as they will be stored.
fn preview(
    row: u32,
    input: &CaseInput,
    agencies: &AgencyLookup,
    has_problem: bool,
) -> ImportRowPreview {
    ImportRowPreview {
        row,
        subject_name: input.subject_name.clone(),
        date_of_birth: input.date_of_birth.clone(),
        postcode: input.postcode.clone(),
        referral_date: input.referral_date.clone(),
        referring_agency: input
            .referring_agency_id
            .and_then(|id| agencies.name(id))
            .unwrap_or_default()
            .to_owned(),
        has_problem,
    }
}

/// The route follows a Dash score in the list, by the rule of the case's
/// page (`features::dash`): 14 or more is visible high risk; the route
/// cannot claim it below 14.
fn route_against_score(case: &mut ValidCase, score: Option<u32>) -> Option<FieldError> {
    use crate::domain::case::ReferralRoute;
    use crate::domain::dash::VISIBLE_HIGH_RISK;
    match score {
        Some(s) if s >= VISIBLE_HIGH_RISK => {
            case.referral_route = ReferralRoute::RiskScore;
            None
        }
        Some(s) if case.referral_route == ReferralRoute::RiskScore => Some(FieldError::new(
            "dash_score",
            format!(
                "The Dash score is {s}: visible high risk needs {VISIBLE_HIGH_RISK} or more. Give the referral's route as professional judgement."
            ),
        )),
        _ => None,
    }
}

pub(super) fn check(
    conn: &dyn Db,
    panel_id: Uuid,
    file_name: &str,
    bytes: &[u8],
    sent: Option<&ImportChoices>,
    today: NaiveDate,
) -> CoreResult<Checked> {
    panel_facts(conn, panel_id)?;
    let table = read_table(file_name, bytes)?;
    let (choices, agencies) = resolve(conn, panel_id, &table, sent)?;
    let places = columns_by_field(&choices.columns);
    let column_for = |field: &str| -> String {
        let base = field.split('.').next().unwrap_or(field);
        places
            .get(base)
            .cloned()
            .unwrap_or_else(|| NOT_IN_FILE.to_owned())
    };
    let concerns = panel_concerns(conn, panel_id)?;
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut valid = Vec::new();
    let mut problems = Vec::new();
    let mut previews = Vec::new();
    for (row_number, row) in &table.rows {
        let (input, mut row_problems) =
            row_to_input(panel_id, &table.headers, row, &choices.columns, &agencies);
        let score = dash_score(&table.headers, row, &choices.columns).unwrap_or_else(|e| {
            row_problems.push(e);
            None
        });
        match input.validate(today) {
            Ok(mut case) => {
                row_problems.extend(beyond_the_form(&case, &concerns, &mut seen, *row_number));
                if let Some(problem) = route_against_score(&mut case, score) {
                    row_problems.push(problem);
                }
                if row_problems.is_empty() {
                    valid.push((*row_number, case, score));
                }
            }
            Err(CoreError::Validation(errors)) => {
                // Values that could not be read are reported once, not again
                // as "missing".
                for e in errors {
                    if !row_problems.iter().any(|p| p.field == e.field) {
                        row_problems.push(e);
                    }
                }
            }
            Err(other) => return Err(other),
        }
        if previews.len() < PREVIEW_ROWS {
            previews.push(preview(
                *row_number,
                &input,
                &agencies,
                !row_problems.is_empty(),
            ));
        }
        for p in row_problems {
            problems.push(RowProblem {
                row: *row_number,
                column: column_for(&p.field),
                message: p.message,
            });
        }
    }
    let agency_words = agency_words(&table, &choices, &agencies);
    Ok(Checked {
        table,
        choices,
        valid,
        problems,
        previews,
        agency_words,
    })
}
