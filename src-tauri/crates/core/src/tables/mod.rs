//! All SQL, one module per table or aggregate: a newcomer finds a feature's
//! queries here, and the differences between engines stay here too. The
//! features above decide what to do and call these inside one transaction;
//! these only read and write rows, with values in their typed codecs
//! ([`crate::store::codec`]). Aggregates move here one at a time.

pub mod actions;
pub mod agencies;
pub mod agenda;
pub mod approval;
pub mod cases;
pub mod imports;
pub mod meetings;
pub mod new_cases;
pub mod panels;
pub mod person;
pub mod repeats;
pub mod retention;
pub mod running;
pub mod search;
pub mod statistics;
pub mod timers;
pub mod tracker;

use crate::error::CoreResult;
use crate::store::sql::{Db, ToValue};

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
/// list of rows is a few statements, not one per row.
pub(crate) fn insert_rows(
    db: &dyn Db,
    head: &str,
    tail: &str,
    width: usize,
    params: &[&dyn ToValue],
) -> CoreResult<()> {
    for chunk in params.chunks(width * CHUNK) {
        let sql = format!("{head} {}{tail}", values_list(chunk.len() / width, width));
        db.execute(&sql, chunk)?;
    }
    Ok(())
}
