//! Reading an agency list against the chosen columns: rows grouped into
//! agencies (a list may repeat an agency's name once per representative),
//! each agency checked exactly as the agency form checks it, against the
//! directory and against the rows above it, with problems by row and column.
//! Preview and commit both run this, so a commit checks exactly what it writes.

use std::collections::HashMap;

use crate::domain::AgencyInput;
use crate::domain::agency::ValidAgency;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::features::agencies;
use crate::features::import::RowProblem;
use crate::import::agency_rows::{
    AgencyColumn, AgencyField, AgencyRow, read_agency_row, suggest_agency_columns,
};
use crate::import::table::{Table, read_table};
use crate::store::sql::Db;

const NOT_IN_FILE: &str = "(not in the file)";

/// One agency read from the list: the row that named it first, and the row
/// of each representative.
pub(super) struct Group {
    pub row: u32,
    pub input: AgencyInput,
    pub code_made: bool,
    pub unknown_sector: Option<String>,
    pub rep_rows: Vec<u32>,
}

pub(super) struct Checked {
    pub table: Table,
    pub columns: Vec<AgencyColumn>,
    pub groups: Vec<Group>,
    /// The agencies that passed, in list order (all of them when no problems).
    pub valid: Vec<ValidAgency>,
    pub problems: Vec<RowProblem>,
}

/// Columns sent by the UI must name real columns, each at most once.
fn check_columns(table: &Table, columns: &[AgencyColumn]) -> CoreResult<()> {
    let mut seen = HashMap::new();
    for c in columns {
        let Some(h) = &c.header else { continue };
        let key = format!("columns.{}", c.field.as_str());
        if !table.headers.contains(h) {
            return Err(CoreError::field(
                key,
                format!("The file has no column called “{h}”."),
            ));
        }
        if let Some(other) = seen.insert(h.clone(), c.field) {
            return Err(CoreError::field(
                key,
                format!(
                    "The column “{h}” is already used for {}. Choose one column per field.",
                    other.as_str().replace('_', " ")
                ),
            ));
        }
    }
    Ok(())
}

struct Columns<'a>(&'a [AgencyColumn]);

impl Columns<'_> {
    fn name(&self, field: AgencyField) -> String {
        self.0
            .iter()
            .find(|c| c.field == field)
            .and_then(|c| c.header.clone())
            .unwrap_or_else(|| NOT_IN_FILE.to_owned())
    }
}

fn problem(row: u32, column: String, message: impl Into<String>) -> RowProblem {
    RowProblem {
        row,
        column,
        message: message.into(),
    }
}

/// A row that repeats an agency's name may only add a representative: its
/// code, sector and email must be blank or agree with the first row.
fn join_group(group: &mut Group, row: u32, read: AgencyRow, cols: &Columns) -> Vec<RowProblem> {
    let mut problems = Vec::new();
    let first = group.row;
    let name = &group.input.name;
    if !read.code_made
        && !read
            .short_code
            .eq_ignore_ascii_case(&group.input.short_code)
    {
        problems.push(problem(
            row,
            cols.name(AgencyField::ShortCode),
            format!(
                "Row {first} gives {name} the short code {}; a further row for the same agency must give the same code.",
                group.input.short_code
            ),
        ));
    }
    if !read.secure_email.is_empty()
        && !read
            .secure_email
            .eq_ignore_ascii_case(&group.input.secure_email)
    {
        problems.push(problem(
            row,
            cols.name(AgencyField::SecureEmail),
            format!("Row {first} gives {name} a different secure email address."),
        ));
    }
    match read.representative {
        Some(rep) if problems.is_empty() => {
            group.input.representatives.push(rep);
            group.rep_rows.push(row);
        }
        Some(_) => {}
        None => problems.push(problem(
            row,
            cols.name(AgencyField::Name),
            format!("Row {first} already lists {name}. Each agency goes in the list once (a further row may only add a representative)."),
        )),
    }
    problems
}

fn start_group(row: u32, read: AgencyRow) -> Group {
    Group {
        row,
        code_made: read.code_made,
        unknown_sector: read.unknown_sector,
        rep_rows: read
            .representative
            .as_ref()
            .map(|_| row)
            .into_iter()
            .collect(),
        input: AgencyInput {
            name: read.name,
            short_code: read.short_code,
            sector: read.sector,
            secure_email: read.secure_email,
            representatives: read.representative.into_iter().collect(),
        },
    }
}

/// Puts a form's field error on the row and column it came from.
fn place(group: &Group, error: FieldError, cols: &Columns) -> RowProblem {
    let mut parts = error.field.splitn(3, '.');
    let (head, index, leaf) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    let rep_row = |i: Option<&str>| {
        i.and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| group.rep_rows.get(i).copied())
            .unwrap_or(group.row)
    };
    match (head, leaf) {
        ("representatives", Some("name")) => problem(
            rep_row(index),
            cols.name(AgencyField::RepresentativeName),
            error.message,
        ),
        ("representatives", Some("role")) => problem(
            rep_row(index),
            cols.name(AgencyField::RepresentativeRole),
            error.message,
        ),
        ("representatives", Some(_)) => problem(
            rep_row(index),
            cols.name(AgencyField::RepresentativeEmail),
            error.message,
        ),
        ("representatives", None) => problem(
            group.row,
            cols.name(AgencyField::RepresentativeName),
            error.message,
        ),
        ("short_code", _) if group.code_made => problem(
            group.row,
            NOT_IN_FILE.to_owned(),
            format!(
                "{} (The code {} was made from the name; add a short code column to choose one.)",
                error.message, group.input.short_code
            ),
        ),
        ("short_code", _) => problem(group.row, cols.name(AgencyField::ShortCode), error.message),
        ("sector", _) => match &group.unknown_sector {
            Some(text) => problem(
                group.row,
                cols.name(AgencyField::Sector),
                format!(
                    "Roundtable does not know the sector “{text}”. Write a sector such as Police, Health, Housing, Education or Children's social care."
                ),
            ),
            None if cols.name(AgencyField::Sector) == NOT_IN_FILE => problem(
                group.row,
                NOT_IN_FILE.to_owned(),
                "The sector could not be told from the agency's name. Add a sector column.",
            ),
            None => problem(group.row, cols.name(AgencyField::Sector), error.message),
        },
        ("secure_email", _) => problem(
            group.row,
            cols.name(AgencyField::SecureEmail),
            error.message,
        ),
        _ => problem(group.row, cols.name(AgencyField::Name), error.message),
    }
}

pub(super) fn check(
    conn: &dyn Db,
    file_name: &str,
    bytes: &[u8],
    sent: Option<&[AgencyColumn]>,
) -> CoreResult<Checked> {
    let table = read_table(file_name, bytes)?;
    let columns = match sent {
        Some(c) => c.to_vec(),
        None => suggest_agency_columns(&table.headers),
    };
    check_columns(&table, &columns)?;
    let cols = Columns(&columns);
    let mut problems = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for (row, cells) in &table.rows {
        let read = read_agency_row(&table.headers, cells, &columns);
        if read.name.is_empty() {
            problems.push(problem(
                *row,
                cols.name(AgencyField::Name),
                "Enter the agency's name.",
            ));
            continue;
        }
        if let Some(g) = groups
            .iter_mut()
            .find(|g| g.input.name.eq_ignore_ascii_case(&read.name))
        {
            problems.extend(join_group(g, *row, read, &cols));
            continue;
        }
        if let Some(g) = groups
            .iter()
            .find(|g| g.input.short_code.eq_ignore_ascii_case(&read.short_code))
        {
            let column = if read.code_made {
                NOT_IN_FILE.to_owned()
            } else {
                cols.name(AgencyField::ShortCode)
            };
            problems.push(problem(
                *row,
                column,
                format!(
                    "Row {} already uses the short code {} for {}. Each agency needs its own code.",
                    g.row,
                    read.short_code.to_uppercase(),
                    g.input.name
                ),
            ));
            continue;
        }
        groups.push(start_group(*row, read));
    }
    let mut valid = Vec::new();
    for group in &groups {
        match agencies::check(conn, &group.input, None) {
            Ok(agency) => valid.push(agency),
            Err(CoreError::Validation(errors)) => {
                problems.extend(errors.into_iter().map(|e| place(group, e, &cols)));
            }
            Err(other) => return Err(other),
        }
    }
    problems.sort_by_key(|p| p.row);
    Ok(Checked {
        table,
        columns,
        groups,
        valid,
        problems,
    })
}
