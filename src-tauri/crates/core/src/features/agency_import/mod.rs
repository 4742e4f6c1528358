//! Importing the agency directory from a list (CSV or XLSX): a preview
//! (columns, agencies as they will be stored, problems by row and column;
//! nothing written) and a commit (every agency in one transaction, or none),
//! both from the file's bytes, like the referral import.

mod check;

use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::Sector;
use crate::error::{CoreError, CoreResult};
use crate::features::agencies;
use crate::features::import::RowProblem;
use crate::import::agency_rows::AgencyColumn;
use crate::store::Engine;
use crate::store::sql::Db;
use check::check;

/// One agency as it will be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyImportRow {
    /// The row that first names the agency.
    pub row: u32,
    pub name: String,
    pub short_code: String,
    /// Whether the short code was made from the name (the list gave none).
    pub code_made: bool,
    pub sector: Option<Sector>,
    pub secure_email: String,
    pub representatives: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyImportPreview {
    pub file_name: String,
    pub headers: Vec<String>,
    pub columns: Vec<AgencyColumn>,
    pub total_rows: u32,
    pub agencies: Vec<AgencyImportRow>,
    /// Every problem (up to `PROBLEM_LIMIT`), in row order.
    pub problems: Vec<RowProblem>,
    pub problem_count: u32,
    pub notes: Vec<String>,
    pub can_import: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyImportResult {
    pub agencies: u32,
    pub representatives: u32,
}

const PROBLEM_LIMIT: usize = 1_000;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Reads the list and says what an import would add. Writes nothing.
pub fn preview(
    conn: &dyn Db,
    file_name: &str,
    bytes: &[u8],
    columns: Option<&[AgencyColumn]>,
) -> CoreResult<AgencyImportPreview> {
    let checked = check(conn, file_name, bytes, columns)?;
    let agencies = checked
        .groups
        .iter()
        .map(|g| AgencyImportRow {
            row: g.row,
            name: g.input.name.trim().to_owned(),
            short_code: g.input.short_code.trim().to_uppercase(),
            code_made: g.code_made,
            sector: g.input.sector,
            secure_email: g.input.secure_email.trim().to_owned(),
            representatives: g
                .input
                .representatives
                .iter()
                .map(|r| r.name.trim().to_owned())
                .collect(),
        })
        .collect();
    let problem_count = count(checked.problems.len());
    let mut problems = checked.problems;
    problems.truncate(PROBLEM_LIMIT);
    Ok(AgencyImportPreview {
        file_name: file_name.to_owned(),
        headers: checked.table.headers,
        columns: checked.columns,
        total_rows: count(checked.table.rows.len()),
        agencies,
        can_import: problem_count == 0 && !checked.groups.is_empty(),
        problems,
        problem_count,
        notes: checked.table.notes,
    })
}

/// Adds every agency in the list, or none, seating each on `panel_id` when
/// given.
pub fn commit(
    store: &mut impl Engine,
    file_name: &str,
    bytes: &[u8],
    columns: &[AgencyColumn],
    panel_id: Option<Uuid>,
) -> CoreResult<AgencyImportResult> {
    store.write(|tx| {
        if let Some(panel) = panel_id {
            agencies::panel_exists(tx, panel)?;
        }
        let checked = check(tx, file_name, bytes, Some(columns))?;
        if let Some(first) = checked.problems.first() {
            return Err(CoreError::Conflict(format!(
                "Nothing was imported: the list has {} problem{} to fix first (the first is row {}, {}: {}).",
                checked.problems.len(),
                if checked.problems.len() == 1 { "" } else { "s" },
                first.row,
                first.column,
                first.message
            )));
        }
        if checked.valid.is_empty() {
            return Err(CoreError::field("file", "The list names no agencies."));
        }
        let mut representatives = 0;
        for agency in &checked.valid {
            let id = agencies::insert(tx, agency)?;
            if let Some(panel) = panel_id {
                agencies::join_panel(tx, panel, id)?;
            }
            representatives += agency.representatives.len();
        }
        crate::audit::record(
            tx,
            "import",
            "agency",
            None,
            Some(&format!("{} agencies imported from a file", checked.valid.len())),
        )?;
        Ok(AgencyImportResult {
            agencies: count(checked.valid.len()),
            representatives: count(representatives),
        })
    })
}
