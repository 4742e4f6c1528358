//! Importing a referral list: preview (mapping, row problems, duplicates,
//! probable repeats; nothing written) and commit (every row in one
//! transaction, or none). Both take the file's bytes, so nothing is held
//! between the two steps and a commit always checks exactly what it writes.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::case::ValidCase;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::import::table::{Table, read_table};
use crate::import::{AgencyLookup, ColumnMapping, row_to_input, suggest_mapping};
use crate::matching::{Identity, normalise};
use crate::services::cases::{insert, panel_concerns, panel_facts};
use crate::services::repeats::RepeatIndex;
use crate::store::Store;

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
    pub has_problem: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub file_name: String,
    pub headers: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportResult {
    pub imported: u32,
    pub repeats_offered: u32,
}

const PREVIEW_ROWS: usize = 50;
const PROBLEM_LIMIT: usize = 1_000;
const NOT_IN_FILE: &str = "(not in the file)";

struct Checked {
    table: Table,
    mapping: Vec<ColumnMapping>,
    valid: Vec<(u32, ValidCase)>,
    problems: Vec<RowProblem>,
    previews: Vec<ImportRowPreview>,
}

fn remembered_mapping(conn: &Connection, panel_id: Uuid) -> CoreResult<HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT field, header FROM import_mapping WHERE panel_id = ?1")?;
    let rows = stmt.query_map([panel_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn agency_lookup(conn: &Connection) -> CoreResult<AgencyLookup> {
    let mut stmt = conn.prepare_cached("SELECT id, name, short_code FROM agency")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut list = Vec::new();
    for (id, name, code) in rows {
        list.push((crate::services::parse_id(&id)?, name, code));
    }
    Ok(AgencyLookup::new(list))
}

/// A mapping sent by the UI must name real columns, each at most once.
fn check_mapping(table: &Table, mapping: &[ColumnMapping]) -> CoreResult<()> {
    let mut seen = HashMap::new();
    for m in mapping {
        if let Some(h) = &m.header {
            if !table.headers.contains(h) {
                return Err(CoreError::field(
                    format!("mapping.{}", m.field.as_str()),
                    format!("The file has no column called “{h}”."),
                ));
            }
            if let Some(other) = seen.insert(h.clone(), m.field) {
                return Err(CoreError::field(
                    format!("mapping.{}", m.field.as_str()),
                    format!(
                        "The column “{h}” is already used for {}. Choose one column per field.",
                        other.as_str().replace('_', " ")
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn check(
    conn: &Connection,
    panel_id: Uuid,
    file_name: &str,
    bytes: &[u8],
    mapping: Option<&[ColumnMapping]>,
    today: NaiveDate,
) -> CoreResult<Checked> {
    panel_facts(conn, panel_id)?;
    let table = read_table(file_name, bytes)?;
    let mapping = match mapping {
        Some(m) => {
            check_mapping(&table, m)?;
            m.to_vec()
        }
        None => suggest_mapping(&table.headers, &remembered_mapping(conn, panel_id)?),
    };
    let header_of: HashMap<&str, &str> = mapping
        .iter()
        .filter_map(|m| m.header.as_deref().map(|h| (m.field.case_field(), h)))
        .collect();
    let column_for = |field: &str| -> String {
        let base = field.split('.').next().unwrap_or(field);
        header_of
            .get(base)
            .map_or_else(|| NOT_IN_FILE.to_owned(), |h| (*h).to_owned())
    };
    let agencies = agency_lookup(conn)?;
    let concerns = panel_concerns(conn, panel_id)?;
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut valid = Vec::new();
    let mut problems = Vec::new();
    let mut previews = Vec::new();
    for (row_number, row) in &table.rows {
        let (input, mut row_problems) =
            row_to_input(panel_id, &table.headers, row, &mapping, &agencies);
        match input.validate(today) {
            Ok(case) => {
                for (i, concern) in case.concerns.iter().enumerate() {
                    if !concerns.iter().any(|k| k.eq_ignore_ascii_case(concern)) {
                        row_problems.push(FieldError::new(
                            format!("concerns.{i}"),
                            format!(
                                "“{concern}” is not one of this panel's categories of concern."
                            ),
                        ));
                    }
                }
                let key = format!("{}|{:?}", normalise(&case.subject_name), case.date_of_birth);
                if let Some(first) = seen.get(&key) {
                    row_problems.push(FieldError::new(
                        "subject_name",
                        format!("Same name and date of birth as row {first}. Remove one of the two rows."),
                    ));
                } else {
                    seen.insert(key, *row_number);
                }
                if row_problems.is_empty() {
                    valid.push((*row_number, case));
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
            previews.push(ImportRowPreview {
                row: *row_number,
                subject_name: input.subject_name.clone(),
                date_of_birth: input.date_of_birth.clone(),
                postcode: input.postcode.clone(),
                referral_date: input.referral_date.clone(),
                has_problem: !row_problems.is_empty(),
            });
        }
        for p in row_problems {
            problems.push(RowProblem {
                row: *row_number,
                column: column_for(&p.field),
                message: p.message,
            });
        }
    }
    Ok(Checked {
        table,
        mapping,
        valid,
        problems,
        previews,
    })
}

/// Reads the file and says what an import would do. Writes nothing.
pub fn preview(
    conn: &Connection,
    panel_id: Uuid,
    file_name: &str,
    bytes: &[u8],
    mapping: Option<&[ColumnMapping]>,
    today: NaiveDate,
) -> CoreResult<ImportPreview> {
    let checked = check(conn, panel_id, file_name, bytes, mapping, today)?;
    let index = RepeatIndex::build(conn, panel_id)?;
    let mut repeats = Vec::new();
    for (row, case) in &checked.valid {
        let identity = Identity {
            name: &case.subject_name,
            aliases: &case.aliases,
            date_of_birth: case.date_of_birth,
        };
        if let Some((known, m)) = index.candidates(&identity).into_iter().next() {
            let reference: String = conn.query_row(
                "SELECT reference FROM person_case WHERE id = ?1",
                [&known.id],
                |r| r.get(0),
            )?;
            repeats.push(ImportRepeat {
                row: *row,
                subject_name: case.subject_name.clone(),
                matches_reference: reference,
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
        mapping: checked.mapping,
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
    store: &mut Store,
    panel_id: Uuid,
    file_name: &str,
    bytes: &[u8],
    mapping: &[ColumnMapping],
    today: NaiveDate,
) -> CoreResult<ImportResult> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let checked = check(tx, panel_id, file_name, bytes, Some(mapping), today)?;
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
        let mut offered = 0usize;
        for (row, case) in &checked.valid {
            let id = insert(tx, panel_id, kind, case, "referred", &format!("Imported from {safe_name}, row {row}."), &actor)?;
            offered += crate::services::repeats::offer(tx, &index, &id)?;
        }
        tx.execute("DELETE FROM import_mapping WHERE panel_id = ?1", [panel_id.to_string()])?;
        for m in &checked.mapping {
            if let Some(h) = &m.header {
                tx.execute(
                    "INSERT INTO import_mapping (panel_id, field, header) VALUES (?1, ?2, ?3)",
                    params![panel_id.to_string(), m.field.as_str(), h],
                )?;
            }
        }
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
