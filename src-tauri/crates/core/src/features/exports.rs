//! Writing documents to the folder the user chose: predictable, safe names,
//! each file written whole or not at all (a temporary file, then a rename),
//! and nothing replaced without the user saying so.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::features::statistics::{self, StatisticsRequest};
use crate::features::{agencies, approval, documents, meetings, panels, person, tracker};
use crate::store::Engine;
use crate::store::sql::Db;

/// One file an export would write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlannedFile {
    /// None for the minutes; the agency for an action plan.
    pub agency_id: Option<Uuid>,
    /// "Minutes" or the agency's name.
    pub label: String,
    pub file_name: String,
    /// A file of that name is already in the folder.
    pub exists: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WrittenFile {
    pub file_name: String,
    pub path: String,
    pub bytes: u32,
}

/// The folder exactly as given: the shell has already resolved and checked
/// it, so nothing here trims or reinterprets it.
fn folder(path: &Path) -> CoreResult<PathBuf> {
    let p = path.to_path_buf();
    if path.as_os_str().is_empty() {
        return Err(CoreError::field(
            "folder",
            "Choose the folder to save the files in.",
        ));
    }
    if !p.is_dir() {
        return Err(CoreError::field(
            "folder",
            "That folder does not exist. Choose another, or create it first.",
        ));
    }
    Ok(p)
}

fn minutes_name(conn: &dyn Db, meeting_id: Uuid) -> CoreResult<String> {
    let m = meetings::get(conn, meeting_id)?;
    let version = approval::status(conn, meeting_id)?.version;
    let what = if version > 1 {
        format!("minutes v{version}")
    } else {
        "minutes".into()
    };
    Ok(documents::file_name(&m.panel_name, &m.date, &what))
}

fn plan_name(conn: &dyn Db, meeting_id: Uuid, agency_id: Uuid) -> CoreResult<String> {
    let m = meetings::get(conn, meeting_id)?;
    let a = agencies::get(conn, agency_id)?;
    Ok(documents::file_name(
        &m.panel_name,
        &m.date,
        &format!("action plan {}", a.short_code),
    ))
}

/// The minutes and every agency's plan for a meeting, as files in `path`.
pub fn plan(
    conn: &dyn Db,
    meeting_id: Uuid,
    path: &Path,
    now: DateTime<Utc>,
) -> CoreResult<Vec<PlannedFile>> {
    let dir = folder(path)?;
    let mut files = files(conn, meeting_id, now)?;
    for f in &mut files {
        f.exists = dir.join(&f.file_name).exists();
    }
    Ok(files)
}

/// The minutes and every agency's plan for a meeting, as files.
pub fn files(conn: &dyn Db, meeting_id: Uuid, now: DateTime<Utc>) -> CoreResult<Vec<PlannedFile>> {
    let mut files = vec![PlannedFile {
        agency_id: None,
        label: "Minutes".into(),
        exists: false,
        file_name: minutes_name(conn, meeting_id)?,
    }];
    for agency_id in documents::plan_agencies(conn, meeting_id, now.date_naive())? {
        files.push(PlannedFile {
            agency_id: Some(agency_id),
            label: agencies::get(conn, agency_id)?.name,
            exists: false,
            file_name: plan_name(conn, meeting_id, agency_id)?,
        });
    }
    Ok(files)
}

/// The document as an exported file: the foot of every page (after any of
/// its own words) and the PDF's keywords carry the audit log's head at the
/// time of export, so the log can be checked against any copy sent.
pub(crate) fn exported_pdf(
    conn: &dyn Db,
    mut doc: roundtable_pdf::Document,
) -> CoreResult<Vec<u8>> {
    if let Some(head) = crate::audit::head(conn)? {
        documents::add_to_footer(&mut doc, &format!("Audit log at {}", head.short()));
        doc.keywords = vec![format!(
            "roundtable-audit-anchor {} {}",
            head.seq, head.hash
        )];
    }
    documents::pdf(&doc)
}

/// Writes `bytes` as `dir/name`: whole or not at all.
fn write_atomically(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    replace: bool,
) -> CoreResult<WrittenFile> {
    let target = dir.join(name);
    if target.exists() && !replace {
        return Err(CoreError::Conflict(format!(
            "{name} is already in that folder. Choose to replace it, or choose another folder."
        )));
    }
    let temporary = dir.join(format!(".{name}.{}.part", Uuid::new_v4()));
    let io = |e: std::io::Error| CoreError::Io(format!("writing {name}: {e}"));
    let result = (|| {
        let mut file = std::fs::File::create_new(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(io(e));
    }
    // The rename is durable only once the folder itself is synced.
    crate::store::sync_dir(dir)?;
    Ok(WrittenFile {
        file_name: name.to_string(),
        path: target.display().to_string(),
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    })
}

/// Writes `bytes` as `name` in the folder the user chose.
pub fn write_file(path: &Path, name: &str, bytes: &[u8], replace: bool) -> CoreResult<WrittenFile> {
    write_atomically(&folder(path)?, name, bytes, replace)
}

/// A report made between meetings, to be written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportRequest {
    /// The panel statistics as PDF, small counts suppressed.
    StatisticsPdf { request: StatisticsRequest },
    /// The panel statistics as CSV, small counts suppressed.
    StatisticsCsv { request: StatisticsRequest },
    /// Late actions by agency, for the steering group (all panels if none).
    LateActions { panel_id: Option<Uuid> },
    /// Everything held about the person in a case.
    SubjectAccess { case_id: Uuid },
}

/// The file a report would be written as.
pub fn report_file_name(
    conn: &dyn Db,
    request: &ReportRequest,
    now: DateTime<Utc>,
) -> CoreResult<String> {
    let today = now.date_naive();
    Ok(match request {
        ReportRequest::StatisticsPdf { request: stats }
        | ReportRequest::StatisticsCsv { request: stats } => {
            let (from, to) = statistics::checked_period(stats, today)?;
            let panel = panels::get(conn, stats.panel_id)?;
            let name = documents::file_name(
                &panel.name,
                &from.format("%Y-%m-%d").to_string(),
                &format!("statistics to {}", to.format("%Y-%m-%d")),
            );
            if matches!(request, ReportRequest::StatisticsCsv { .. }) {
                name.replace(".pdf", ".csv")
            } else {
                name
            }
        }
        ReportRequest::LateActions { panel_id } => {
            let scope = match panel_id {
                Some(p) => panels::get(conn, *p)?.name,
                None => "all panels".into(),
            };
            documents::file_name(
                &scope,
                &today.format("%Y-%m-%d").to_string(),
                "late actions by agency",
            )
        }
        ReportRequest::SubjectAccess { case_id } => person::file_name(conn, *case_id, now)?,
    })
}

/// Writes a report to `path`. A subject access export is recorded on the
/// person's cases.
pub fn write_report(
    store: &mut impl Engine,
    request: &ReportRequest,
    path: &Path,
    replace: bool,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    if let ReportRequest::SubjectAccess { case_id } = request {
        let written = person::export(store, *case_id, path, replace, now)?;
        audit_export(
            store,
            "person_case",
            *case_id,
            "Subject access export",
            &written.file_name,
        )?;
        return Ok(written);
    }
    let (name, bytes) = store.read(|conn| {
        Ok((
            report_file_name(conn, request, now)?,
            report_bytes(conn, request, now)?,
        ))
    })?;
    let written = write_file(path, &name, &bytes, replace)?;
    audit_report(store, request, &written.file_name)?;
    Ok(written)
}

/// Notes a report's export in the audit log, as `file_name`.
pub(crate) fn audit_report(
    store: &mut impl Engine,
    request: &ReportRequest,
    file_name: &str,
) -> CoreResult<()> {
    let (entity, id, what) = match request {
        ReportRequest::StatisticsPdf { request } => {
            ("panel", Some(request.panel_id), "Panel statistics (PDF)")
        }
        ReportRequest::StatisticsCsv { request } => {
            ("panel", Some(request.panel_id), "Panel statistics (CSV)")
        }
        ReportRequest::LateActions { panel_id } => ("panel", *panel_id, "Late actions by agency"),
        ReportRequest::SubjectAccess { case_id } => {
            ("person_case", Some(*case_id), "Subject access export")
        }
    };
    let detail = format!("{what}: {file_name}");
    store.write(|tx| {
        crate::audit::record(
            tx,
            "export",
            entity,
            id.map(|i| i.to_string()).as_deref(),
            Some(&detail),
        )
    })
}

/// The report's file contents (a subject access export is written by
/// [`person::export`]).
pub(crate) fn report_bytes(
    conn: &dyn Db,
    request: &ReportRequest,
    now: DateTime<Utc>,
) -> CoreResult<Vec<u8>> {
    let today = now.date_naive();
    match request {
        ReportRequest::StatisticsPdf { request } => exported_pdf(
            conn,
            statistics::document(&statistics::compute(conn, request, today)?),
        ),
        ReportRequest::StatisticsCsv { request } => {
            statistics::csv(&statistics::compute(conn, request, today)?)
        }
        ReportRequest::LateActions { panel_id } => {
            let marking = match panel_id {
                Some(p) => panels::get(conn, *p)?.protective_marking,
                None => "OFFICIAL-SENSITIVE".into(),
            };
            exported_pdf(
                conn,
                tracker::late_report_document(
                    &tracker::late_report(conn, *panel_id, today)?,
                    &marking,
                ),
            )
        }
        ReportRequest::SubjectAccess { case_id } => {
            exported_pdf(conn, person::subject_access(conn, *case_id, now)?)
        }
    }
}

/// Notes an export in the audit log: which document, for whom, as which
/// file (file names carry the panel, date and agency code, never a person).
pub(crate) fn audit_export(
    store: &mut impl Engine,
    entity: &str,
    entity_id: Uuid,
    what: &str,
    file_name: &str,
) -> CoreResult<()> {
    let detail = format!("{what}: {file_name}");
    store.write(|tx| {
        crate::audit::record(
            tx,
            "export",
            entity,
            Some(&entity_id.to_string()),
            Some(&detail),
        )
    })
}

pub fn write_minutes(
    store: &mut impl Engine,
    meeting_id: Uuid,
    path: &Path,
    replace: bool,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    let dir = folder(path)?;
    let (name, bytes) = store.read(|conn| minutes_file(conn, meeting_id, now))?;
    let written = write_atomically(&dir, &name, &bytes, replace)?;
    audit_export(store, "meeting", meeting_id, MINUTES, &written.file_name)?;
    Ok(written)
}

pub fn write_action_plan(
    store: &mut impl Engine,
    meeting_id: Uuid,
    agency_id: Uuid,
    path: &Path,
    replace: bool,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    let dir = folder(path)?;
    let (name, bytes, what) = store.read(|conn| plan_file(conn, meeting_id, agency_id, now))?;
    let written = write_atomically(&dir, &name, &bytes, replace)?;
    audit_export(store, "meeting", meeting_id, &what, &written.file_name)?;
    Ok(written)
}

/// What the minutes' export is called in the audit log.
pub(crate) const MINUTES: &str = "Minutes for the panel";

/// The minutes as an exported file: its name and bytes.
pub(crate) fn minutes_file(
    conn: &dyn Db,
    meeting_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<(String, Vec<u8>)> {
    let doc = documents::minutes(conn, meeting_id, now)?;
    Ok((minutes_name(conn, meeting_id)?, exported_pdf(conn, doc)?))
}

/// An agency's action plan as an exported file: its name, its bytes, and
/// what the audit log calls it.
pub(crate) fn plan_file(
    conn: &dyn Db,
    meeting_id: Uuid,
    agency_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<(String, Vec<u8>, String)> {
    let doc = documents::action_plan(conn, meeting_id, agency_id, now)?;
    let agency = agencies::get(conn, agency_id)?;
    Ok((
        plan_name(conn, meeting_id, agency_id)?,
        exported_pdf(conn, doc)?,
        format!("Action plan for {} ({})", agency.name, agency.short_code),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_written_whole_and_never_replaced_unasked() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = write_atomically(dir.path(), "a.pdf", b"one", false);
        assert!(first.is_ok());
        let again = write_atomically(dir.path(), "a.pdf", b"two", false);
        assert!(matches!(again, Err(CoreError::Conflict(_))));
        assert_eq!(
            std::fs::read(dir.path().join("a.pdf")).ok(),
            Some(b"one".to_vec())
        );
        assert!(write_atomically(dir.path(), "a.pdf", b"two", true).is_ok());
        assert_eq!(
            std::fs::read(dir.path().join("a.pdf")).ok(),
            Some(b"two".to_vec())
        );
        let leftovers = std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1, "no temporary files left behind");
        assert!(matches!(
            folder(Path::new("/no/such/folder")),
            Err(CoreError::Validation(_))
        ));
    }
}
