//! Importing a referral list: preview (columns, values for the whole file,
//! the list's words for agencies, row problems, duplicates, probable repeats;
//! nothing written) and commit (every row in one transaction, or none). Both
//! take the file's bytes, so nothing is held between the two steps and a
//! commit always checks exactly what it writes.

mod check;
mod remember;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::features::cases::panel_facts;
use crate::features::repeats::RepeatIndex;
use crate::import::{AgencyWord, ColumnMapping, ImportChoices, ImportField};
use crate::matching::Identity;
use crate::store::Engine;
use crate::store::codec::{now, ymd};
use crate::store::sql::Db;
use crate::tables::new_cases::NewCase;
use check::check;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowProblem {
    /// The row number as a spreadsheet shows it (the header is row 1).
    pub row: u32,
    /// The file's column header, or "(not in the file)".
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportRepeat {
    pub row: u32,
    pub subject_name: String,
    pub matches_reference: String,
    pub matches_name: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportRowPreview {
    pub row: u32,
    pub subject_name: String,
    pub date_of_birth: String,
    pub postcode: String,
    pub referral_date: String,
    /// The directory agency the row's referrer was read as.
    pub referring_agency: String,
    pub has_problem: bool,
}

/// A word the list uses for a referring agency that is not in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyWordUse {
    pub text: String,
    pub rows: u32,
    /// The agency chosen for it (remembered from an earlier list, or sent).
    pub agency_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub file_name: String,
    pub headers: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    /// The fields that a value chosen for the whole file may stand for.
    pub file_value_fields: Vec<ImportField>,
    /// Every referring-agency text that is not a directory agency.
    pub agency_words: Vec<AgencyWordUse>,
    pub total_rows: u32,
    /// The first rows, as they will be read.
    pub rows: Vec<ImportRowPreview>,
    /// Every problem (up to `PROBLEM_LIMIT`), in row order.
    pub problems: Vec<RowProblem>,
    pub problem_count: u32,
    /// Rows that may be people the panel already knows: offered after import.
    pub repeats: Vec<ImportRepeat>,
    /// How the file was read (e.g. its encoding).
    pub notes: Vec<String>,
    pub can_import: bool,
}

impl ImportPreview {
    /// The choices this preview stands on, to send back with a commit.
    pub fn choices(&self) -> ImportChoices {
        ImportChoices {
            columns: self.mapping.clone(),
            agencies: self
                .agency_words
                .iter()
                .map(|w| AgencyWord {
                    text: w.text.clone(),
                    agency_id: w.agency_id,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportResult {
    pub imported: u32,
    pub repeats_offered: u32,
}

const PROBLEM_LIMIT: usize = 1_000;

/// Reads the file and says what an import would do. Writes nothing.
pub fn preview(
    conn: &dyn Db,
    panel_id: Uuid,
    file_name: &str,
    bytes: &[u8],
    choices: Option<&ImportChoices>,
    today: NaiveDate,
) -> CoreResult<ImportPreview> {
    let checked = check(conn, panel_id, file_name, bytes, choices, today)?;
    let index = RepeatIndex::build(conn, panel_id)?;
    let mut repeats = Vec::new();
    for (row, case, _) in &checked.valid {
        let identity = Identity {
            name: &case.subject_name,
            aliases: &case.aliases,
            date_of_birth: case.date_of_birth,
        };
        // The index carries each case's reference: a preview of 10,000
        // rows finds hundreds of repeats, and reading each one's again was a
        // statement (on PostgreSQL a wait) per repeat.
        if let Some((known, m)) = index.candidates(&identity).into_iter().next() {
            repeats.push(ImportRepeat {
                row: *row,
                subject_name: case.subject_name.clone(),
                matches_reference: known.reference.clone(),
                matches_name: known.name.clone(),
                reason: m.reason,
            });
        }
    }
    let problem_count = u32::try_from(checked.problems.len()).unwrap_or(u32::MAX);
    let mut problems = checked.problems;
    problems.truncate(PROBLEM_LIMIT);
    Ok(ImportPreview {
        file_name: file_name.to_owned(),
        headers: checked.table.headers.clone(),
        mapping: checked.choices.columns,
        file_value_fields: ImportField::ALL
            .iter()
            .copied()
            .filter(|f| f.takes_file_value())
            .collect(),
        agency_words: checked.agency_words,
        total_rows: u32::try_from(checked.table.rows.len()).unwrap_or(u32::MAX),
        rows: checked.previews,
        can_import: problem_count == 0,
        problems,
        problem_count,
        repeats,
        notes: checked.table.notes,
    })
}

/// Imports every row, or none: any problem refuses the whole file.
pub fn commit(
    store: &mut impl Engine,
    panel_id: Uuid,
    file_name: &str,
    bytes: &[u8],
    choices: &ImportChoices,
    today: NaiveDate,
) -> CoreResult<ImportResult> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let checked = check(tx, panel_id, file_name, bytes, Some(choices), today)?;
        if let Some(first) = checked.problems.first() {
            return Err(CoreError::Conflict(format!(
                "Nothing was imported: the file has {} problem{} to fix first (the first is row {}, {}: {}).",
                checked.problems.len(),
                if checked.problems.len() == 1 { "" } else { "s" },
                first.row,
                first.column,
                first.message
            )));
        }
        let kind = panel_facts(tx, panel_id)?.kind;
        let index = RepeatIndex::build(tx, panel_id)?;
        let safe_name: String = file_name.chars().filter(|c| !c.is_control()).take(120).collect();
        let references = crate::features::cases::new_references(tx, kind, checked.valid.len())?;
        let new: Vec<NewCase<'_>> = checked
            .valid
            .iter()
            .zip(references)
            .map(|((row, case, _), reference)| NewCase {
                id: Uuid::new_v4(),
                reference,
                valid: case,
                event_detail: format!("Imported from {safe_name}, row {row}."),
            })
            .collect();
        crate::tables::new_cases::insert(tx, panel_id, &new, "referred", &actor, &now())?;
        for (c, (_, _, score)) in new.iter().zip(&checked.valid) {
            if let Some(score) = score {
                let by = format!("The referral list {safe_name}");
                crate::features::dash::record_imported(tx, c.id, (*score, ymd(c.valid.referral_date), &by), &actor)?;
            }
        }
        let offers: Vec<_> = new
            .iter()
            .flat_map(|c| {
                let identity = Identity { name: &c.valid.subject_name, aliases: &c.valid.aliases, date_of_birth: c.valid.date_of_birth };
                crate::features::repeats::offers_for(&index, c.id, &identity, &ymd(c.valid.referral_date))
            })
            .collect();
        let offered = crate::tables::repeats::offer_all(tx, &offers)?;
        remember::save(tx, panel_id, &checked.choices)?;
        crate::audit::record(
            tx,
            "import",
            "panel",
            Some(&panel_id.to_string()),
            Some(&format!("{} referrals imported from a file", checked.valid.len())),
        )?;
        Ok(ImportResult {
            imported: u32::try_from(checked.valid.len()).unwrap_or(u32::MAX),
            repeats_offered: u32::try_from(offered).unwrap_or(u32::MAX),
        })
    })
}
