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

use crate::error::CoreResult;
use crate::store::Store;
use crate::store::pg::PgStore;

/// Copies everything but the audit log and SQLite's own search index.
pub fn copy_to_postgres(from: &Store, to: &mut PgStore) -> CoreResult<()> {
    let tables = crate::tables::from_desktop::tables(from, false)?;
    crate::tables::from_desktop::copy(from, to, &tables)?;
    // Settled before anything is timed: statistics, and the visibility map
    // the server's autovacuum would otherwise build during the benchmark.
    to.client().batch_execute("VACUUM ANALYZE")?;
    Ok(())
}
