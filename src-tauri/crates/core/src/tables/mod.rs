//! All SQL, one module per table or aggregate: a newcomer finds a feature's
//! queries here, and the differences between engines stay here too. The
//! features above decide what to do and call these inside one transaction;
//! these only read and write rows, with values in their typed codecs
//! ([`crate::store::codec`]). Aggregates move here one at a time.

pub mod accounts;
pub mod action_updates;
pub mod actions;
pub mod agencies;
pub mod agency_plans;
pub mod agenda;
pub mod approval;
pub mod cases;
pub mod dash;
pub mod from_desktop;
pub mod imports;
pub mod invitations;
pub mod meetings;
pub mod new_cases;
pub mod other_panels;
pub mod panels;
pub mod person;
pub mod population;
pub mod referral;
pub mod repeats;
pub mod research;
pub mod retention;
pub mod running;
pub mod search;
pub mod statistics;
pub mod timers;
pub mod tracker;
pub mod transfer;

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Answers, Batch, Db, Ticket, ToValue, Values};

/// Rows per statement: well under SQLite's 32,766 parameters and
/// PostgreSQL's 65,535 at the widest table's 29 columns.
const CHUNK: usize = 200;

/// `rows` groups of `width` numbered parameters: "(?1, ?2), (?3, ?4)".
fn values_list(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=width).map(|c| format!("?{}", r * width + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Inserts rows of `width` values each (`params` holds them row after
/// row) with multi-row statements: `head` ends where the VALUES list goes,
/// `tail` follows it. On PostgreSQL every statement is a round trip, so a
/// list of rows is a few statements, not one per row. Each statement holds
/// [`CHUNK`] rows or a power of two of them, so a table's inserts come in a
/// handful of shapes that the statement caches keep, not one per length.
pub(crate) fn insert_rows(
    db: &dyn Db,
    head: &str,
    tail: &str,
    width: usize,
    params: &[&dyn ToValue],
) -> CoreResult<()> {
    insert_rows_counted(db, head, tail, width, params).map(drop)
}

/// [`insert_rows`], returning how many rows were inserted (fewer than given
/// when `tail` is `ON CONFLICT DO NOTHING` and some were there already).
pub(crate) fn insert_rows_counted(
    db: &dyn Db,
    head: &str,
    tail: &str,
    width: usize,
    params: &[&dyn ToValue],
) -> CoreResult<usize> {
    debug_assert_eq!(params.len() % width, 0, "whole rows only");
    let mut inserted = 0;
    let mut rest = params;
    while rest.len() >= width {
        let rows = rest.len() / width;
        let take = if rows >= CHUNK {
            CHUNK
        } else {
            1 << rows.ilog2()
        };
        let (chunk, after) = rest.split_at(take * width);
        inserted += db.execute(&format!("{head} {}{tail}", values_list(take, width)), chunk)?;
        rest = after;
    }
    Ok(inserted)
}

/// Most values one `IN (...)` list takes.
pub(crate) const IN_LIST: usize = 512;

/// `values` (at most [`IN_LIST`]) as an `IN` list's placeholders and its
/// parameters, padded to a power of two (at least 8) by repeating the last
/// value, which changes nothing an `IN` matches: the statement caches then
/// keep a few shapes instead of one per length.
pub(crate) fn in_list<'a>(values: &[&'a dyn ToValue]) -> (String, Vec<&'a dyn ToValue>) {
    let size = values.len().next_power_of_two().clamp(8, IN_LIST);
    let mut padded: Vec<&dyn ToValue> = values.to_vec();
    if let Some(last) = values.last() {
        padded.resize(size.max(values.len()), *last);
    }
    let marks: Vec<String> = (1..=padded.len()).map(|n| format!("?{n}")).collect();
    (marks.join(", "), padded)
}

/// The rows `sql` gives for every id of `ids`: `sql` names its `IN` list
/// `MARKS`, and runs once per [`IN_LIST`] ids (one statement for the cases
/// of a meeting, not one per case), sent together (on PostgreSQL one wait).
pub(crate) fn query_in(db: &dyn Db, sql: &str, ids: &[Uuid]) -> CoreResult<Vec<Values>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut batch = Batch::new();
    let rows = query_in_batch(&mut batch, sql, ids);
    rows.take(&mut batch.run(db)?)
}

/// [`query_in`]'s statements offered to a batch, to be sent with a
/// screen's other reads (one wait on PostgreSQL for all of them).
pub(crate) fn query_in_batch(batch: &mut Batch, sql: &str, ids: &[Uuid]) -> InRows {
    InRows(
        ids.chunks(IN_LIST)
            .map(|chunk| {
                let values: Vec<&dyn ToValue> = chunk.iter().map(|id| id as &dyn ToValue).collect();
                let (marks, params) = in_list(&values);
                batch.add(sql.replace("MARKS", &marks), &params)
            })
            .collect(),
    )
}

/// The statements of one [`query_in_batch`].
#[must_use]
pub(crate) struct InRows(Vec<Ticket>);

impl InRows {
    /// Their rows, in the order of the ids' chunks.
    pub(crate) fn take(self, answers: &mut Answers) -> CoreResult<Vec<Values>> {
        let mut out = Vec::new();
        for ticket in self.0 {
            out.extend(answers.take(ticket)?);
        }
        Ok(out)
    }
}

/// `AND column = ?n` for a filter that is given, with its value added to
/// `params`; nothing for one that is not. Written out rather than as
/// `(column = ?n OR ?n IS NULL)`: PostgreSQL plans a prepared statement once
/// for all values, and that plan cannot use the column's index in case the
/// value is NULL (the 25 action plans took twice as long, a panel's case list read every
/// case).
pub(crate) fn and_equal<'a, T: ToValue>(
    column: &str,
    value: Option<&'a T>,
    params: &mut Vec<&'a dyn ToValue>,
) -> String {
    match value {
        Some(v) => {
            params.push(v);
            format!(" AND {column} = ?{}", params.len())
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_lists_come_in_a_few_padded_shapes() {
        let ids: Vec<u32> = (0..300).collect();
        let values: Vec<&dyn ToValue> = ids.iter().map(|v| v as &dyn ToValue).collect();
        let sizes: Vec<usize> = [1, 3, 8, 9, 100, 300]
            .iter()
            .map(|n| in_list(&values[..*n]).1.len())
            .collect();
        assert_eq!(sizes, [8, 8, 8, 16, 128, 512]);
        let (marks, _) = in_list(&values[..3]);
        assert_eq!(marks, "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8");
    }

    #[test]
    fn values_lists_number_every_row() {
        assert_eq!(values_list(2, 3), "(?1, ?2, ?3), (?4, ?5, ?6)");
    }
}
