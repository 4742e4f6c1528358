//! The ten-year borough on PostgreSQL, for the benchmark's third column:
//! every table of a generated SQLite store copied into an empty, migrated
//! PostgreSQL database with `COPY`, then the search index built the way the
//! app builds it, then `VACUUM ANALYZE`. Generating the borough a second time,
//! statement by statement, would take minutes and give the same rows.
//!
//! Test support only (feature `test-support`): the copy writes around the
//! audit log, with the database's triggers off for the session
//! (`session_replication_role = replica`, which needs a superuser; the
//! test cluster's).

use std::io::Write;

use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::store::Store;
use crate::store::pg::PgStore;
use crate::store::sql::{Db, Values};

/// One row as a line of `COPY`'s text format.
fn copy_line(row: &Values, out: &mut Vec<u8>) {
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

/// Copies everything but the audit log and SQLite's own search index.
pub fn copy_to_postgres(from: &Store, to: &mut PgStore) -> CoreResult<()> {
    let db: &dyn Db = from.conn();
    let tables: Vec<String> = db.column(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT LIKE 'case_search%' AND name <> 'audit_log' ORDER BY rowid",
        &[],
    )?;
    to.client()
        .batch_execute("SET session_replication_role = replica")?;
    let mut tx = to.client().transaction()?;
    for table in &tables {
        let mut buffer = Vec::new();
        for row in db.query(&format!("SELECT * FROM {table}"), &[])? {
            copy_line(&row, &mut buffer);
        }
        let mut writer = tx.copy_in(&format!("COPY {table} FROM STDIN"))?;
        writer
            .write_all(&buffer)
            .map_err(|e| CoreError::Storage(format!("copying {table}: {e}")))?;
        writer.finish()?;
    }
    tx.commit()?;
    let cases: Vec<Uuid> = db.column("SELECT id FROM person_case", &[])?;
    to.write(|tx| {
        for id in &cases {
            crate::tables::search::index_case(tx, *id)?;
        }
        Ok(())
    })?;
    to.client()
        .batch_execute("SET session_replication_role = DEFAULT")?;
    // Settled before anything is timed: statistics, and the visibility map
    // the server's autovacuum would otherwise build during the benchmark.
    to.client().batch_execute("VACUUM ANALYZE")?;
    Ok(())
}
