//! From laptop to server: a desktop Roundtable file, opened with its
//! passphrase, copied whole into a new shared store. The desktop's audit
//! log comes too, hashes and all, so the borough keeps the laptop's
//! history and "Verify" on the server walks it; the import itself is the
//! first entry after it. Refused unless the shared store is empty (no
//! record and no audit entry: import before the first account is made),
//! and unless the desktop's own log verifies. Checked after: every table's
//! count equal on both sides, and the whole chain intact.

use serde::Serialize;

use crate::error::{CoreError, CoreResult};
use crate::store::Store;
use crate::store::pg::PgStore;
use crate::tables::from_desktop;

/// What was copied: each table's rows (the same on both sides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DesktopImport {
    pub tables: Vec<(String, i64)>,
    /// Entries in the shared store's audit log after the import's own.
    pub audit_entries: i64,
}

impl DesktopImport {
    pub fn rows(&self, table: &str) -> i64 {
        self.tables
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n)
    }
}

pub fn import(from: &Store, to: &mut PgStore) -> CoreResult<DesktopImport> {
    let desktop = crate::audit::verify(from.conn())?;
    if !desktop.intact {
        return Err(CoreError::Conflict(format!(
            "The desktop file's audit log does not verify, so it was not imported: {}",
            desktop.message
        )));
    }
    let tables = from_desktop::tables(from, true)?;
    let filled: i64 = to.read(|db| {
        let mut rows = 0;
        for table in &tables {
            rows += from_desktop::count(db, table)?;
        }
        Ok(rows)
    })?;
    if filled > 0 {
        return Err(CoreError::Conflict(
            "The server's store is not empty. Import a desktop file into a new database, \
             before any account is made."
                .into(),
        ));
    }
    from_desktop::copy(from, to, &tables)?;
    let mut counts = Vec::with_capacity(tables.len());
    for table in &tables {
        let here = from_desktop::count(from.conn(), table)?;
        let there = to.read(|db| from_desktop::count(db, table))?;
        if here != there {
            return Err(CoreError::Storage(format!(
                "the copy of {table} has {there} rows where the desktop file has {here}"
            )));
        }
        counts.push((table.clone(), here));
    }
    let mut report = DesktopImport {
        tables: counts,
        audit_entries: 0,
    };
    let summary = format!(
        "{} cases, {} meetings, {} agencies, {} audit entries from a desktop file",
        report.rows("person_case"),
        report.rows("meeting"),
        report.rows("agency"),
        report.rows("audit_log"),
    );
    to.write(|db| crate::audit::record(db, "import", "desktop file", None, Some(&summary)))?;
    let shared = to.verify_audit(&[])?;
    if !shared.intact {
        return Err(CoreError::Storage(format!(
            "the shared store's audit log does not verify after the import: {}",
            shared.message
        )));
    }
    report.audit_entries = shared.entries;
    Ok(report)
}
