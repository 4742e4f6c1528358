//! Reports made between meetings (statistics, late actions, subject
//! access), written to a folder: the same files the server hands to a
//! browser, encrypted when asked (the PDFs; a CSV cannot carry a password).

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::CoreResult;
use crate::features::exports::{WrittenFile, exported_pdf, write_file};
use crate::features::sealing::{self, Encryption};
use crate::features::statistics::{self, StatisticsRequest};
use crate::features::{documents, panels, person, safelives_return, tracker};
use crate::store::Engine;
use crate::store::sql::Db;

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
    /// The SafeLives quarterly return as CSV: exact counts, for SafeLives only.
    #[serde(rename = "safelives_return_csv")]
    SafeLivesReturnCsv { request: StatisticsRequest },
    /// The same return as an XLSX workbook.
    #[serde(rename = "safelives_return_xlsx")]
    SafeLivesReturnXlsx { request: StatisticsRequest },
}

impl ReportRequest {
    /// Whether the file is a PDF (only a PDF can be encrypted).
    pub fn is_pdf(&self) -> bool {
        !matches!(
            self,
            Self::StatisticsCsv { .. }
                | Self::SafeLivesReturnCsv { .. }
                | Self::SafeLivesReturnXlsx { .. }
        )
    }

    /// The file's media type, for a browser.
    pub fn media_type(&self) -> &'static str {
        match self {
            Self::StatisticsCsv { .. } | Self::SafeLivesReturnCsv { .. } => "text/csv",
            Self::SafeLivesReturnXlsx { .. } => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            _ => "application/pdf",
        }
    }
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
        ReportRequest::SafeLivesReturnCsv { request: stats }
        | ReportRequest::SafeLivesReturnXlsx { request: stats } => {
            let (from, to) = statistics::checked_period(stats, today)?;
            let panel = panels::get(conn, stats.panel_id)?;
            let name = documents::file_name(
                &panel.name,
                &from.format("%Y-%m-%d").to_string(),
                &format!("safelives return to {}", to.format("%Y-%m-%d")),
            );
            let extension = match request {
                ReportRequest::SafeLivesReturnCsv { .. } => ".csv",
                _ => ".xlsx",
            };
            name.replace(".pdf", extension)
        }
    })
}

/// Writes a report to `path`. A subject access export is recorded on the
/// person's cases.
pub fn write_report(
    store: &mut impl Engine,
    request: &ReportRequest,
    path: &Path,
    replace: bool,
    encryption: Option<&Encryption>,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    checked(request, encryption)?;
    if let ReportRequest::SubjectAccess { case_id } = request {
        return person::export(store, *case_id, path, replace, encryption, now);
    }
    let (name, bytes) = store.read(|conn| {
        Ok((
            report_file_name(conn, request, now)?,
            report_bytes(conn, request, now)?,
        ))
    })?;
    let sealed = sealing::seal(bytes, encryption, None)?;
    let mut written = write_file(path, &name, &sealed.bytes, replace)?;
    audit_report(
        store,
        request,
        &format!("{}{}", written.file_name, sealed.audit_note),
    )?;
    written.password = sealed.password;
    Ok(written)
}

/// Checks an encryption request for a report before anything is made: a
/// CSV cannot be encrypted; a PDF needs whom it is for.
pub(crate) fn checked(request: &ReportRequest, encryption: Option<&Encryption>) -> CoreResult<()> {
    if !request.is_pdf() {
        return sealing::refuse_for_csv(encryption);
    }
    sealing::checked(encryption, None)
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
        ReportRequest::SafeLivesReturnCsv { request } => (
            "panel",
            Some(request.panel_id),
            "SafeLives quarterly return, exact figures (CSV)",
        ),
        ReportRequest::SafeLivesReturnXlsx { request } => (
            "panel",
            Some(request.panel_id),
            "SafeLives quarterly return, exact figures (XLSX)",
        ),
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
        ReportRequest::SafeLivesReturnCsv { request } => {
            safelives_return::csv(&safelives_return::compute(conn, request, today)?)
        }
        ReportRequest::SafeLivesReturnXlsx { request } => {
            safelives_return::xlsx(&safelives_return::compute(conn, request, today)?)
        }
    }
}
