//! A desktop file's rows into the shared store, whole: every table copied
//! with PostgreSQL's `COPY` (the two engines have the same tables and
//! columns in the same order, which a test keeps so), the audit log
//! included as it is (numbers, hashes and all: the two engines chain it the
//! same way), the chain's counter moved on past it, and the search index
//! built for PostgreSQL. One transaction: all of it, or nothing.
//!
//! The row triggers are off for the copy (`session_replication_role =
//! replica`, which needs the database's owner to be its superuser, as
//! `.ci/server.sh` makes it): the rows' history is already in the log being
//! copied, and announcing each row again would double it.

use uuid::Uuid;

use super::search::Entry;
use crate::error::CoreResult;
use crate::store::Store;
use crate::store::pg::{PgClient, PgStore};
use crate::store::sql::{Db, Dialect, Values};

/// One row as a line of `COPY`'s text format.
pub(crate) fn copy_line(row: &Values, out: &mut Vec<u8>) {
    for i in 0..row.len() {
        if i > 0 {
            out.push(b'\t');
        }
        match row.text(i) {
            None => out.extend_from_slice(b"\\N"),
            Some(text) => {
                for c in text.chars() {
                    match c {
                        '\\' => out.extend_from_slice(b"\\\\"),
                        '\t' => out.extend_from_slice(b"\\t"),
                        '\n' => out.extend_from_slice(b"\\n"),
                        '\r' => out.extend_from_slice(b"\\r"),
                        c => {
                            let mut buf = [0; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        }
                    }
                }
            }
        }
    }
    out.push(b'\n');
}

/// The tables copied, in the order SQLite made them (parents first).
pub fn tables(from: &Store, with_audit_log: bool) -> CoreResult<Vec<String>> {
    let db: &dyn Db = from.conn();
    let mut tables: Vec<String> = db.column(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT LIKE 'case_search%' AND name <> 'audit_log' ORDER BY rowid",
        &[],
    )?;
    if with_audit_log {
        tables.push("audit_log".into());
    }
    Ok(tables)
}

/// Rows per table on either engine, to compare after a copy.
pub fn count(db: &dyn Db, table: &str) -> CoreResult<i64> {
    Ok(db
        .value::<i64>(&format!("SELECT count(*) FROM {table}"), &[])?
        .unwrap_or(0))
}

/// Copies `tables` from the desktop file into `to` and builds the search
/// index, in one transaction with the row triggers off.
pub fn copy(from: &Store, to: &mut PgStore, tables: &[String]) -> CoreResult<()> {
    let db: &dyn Db = from.conn();
    let entries = super::search::all_entries(db, Dialect::Postgres)?;
    let client = to.client();
    client.batch_execute("BEGIN; SET LOCAL session_replication_role = replica")?;
    match copy_in(db, client, tables, entries) {
        Ok(()) => Ok(client.batch_execute("COMMIT")?),
        Err(e) => {
            // The connection may be gone too; then the server rolled back.
            let _ = client.batch_execute("ROLLBACK");
            Err(e)
        }
    }
}

/// The copy itself, inside the transaction [`copy`] opened.
fn copy_in(
    db: &dyn Db,
    client: &PgClient,
    tables: &[String],
    entries: Vec<(Uuid, Entry)>,
) -> CoreResult<()> {
    for table in tables {
        let mut buffer = Vec::new();
        for row in db.query(&format!("SELECT * FROM {table}"), &[])? {
            copy_line(&row, &mut buffer);
        }
        client.copy_in(&format!("COPY {table} FROM STDIN"), buffer)?;
    }
    if tables.iter().any(|t| t == "audit_log") {
        // The next entry sealed here follows the copied chain.
        client.batch_execute(
            "SELECT setval('audit_log_chain', greatest((SELECT max(seq) FROM audit_log), 1))",
        )?;
    }
    let insert = client.prepare(
        "INSERT INTO case_search (case_id, names, date_of_birth, postcode, reference)
         VALUES ($1, $2, $3, $4, $5)",
    )?;
    for (id, e) in entries {
        client.execute(
            &insert,
            &[&id, &e.names, &e.date_of_birth, &e.postcode, &e.reference],
        )?;
    }
    Ok(())
}
