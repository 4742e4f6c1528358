//! Documents handed to a browser instead of written to a folder (the
//! server's exports): the same files as the desktop's exports, made by the
//! same functions, and noted in the audit log as downloaded, by whom.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::CoreResult;
use crate::features::exports::{self, ReportRequest};
use crate::features::person;
use crate::store::Engine;

/// A file for the browser to save: its name and contents.
pub struct Download {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// "application/pdf" or "text/csv".
    pub media_type: &'static str,
}

fn pdf(file_name: String, bytes: Vec<u8>) -> Download {
    Download {
        file_name,
        bytes,
        media_type: "application/pdf",
    }
}

/// The meeting's minutes.
pub fn minutes(
    store: &mut impl Engine,
    meeting_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<Download> {
    let (name, bytes) = store.read(|conn| exports::minutes_file(conn, meeting_id, now))?;
    let what = format!("{} (downloaded)", exports::MINUTES);
    exports::audit_export(store, "meeting", meeting_id, &what, &name)?;
    Ok(pdf(name, bytes))
}

/// One agency's action plan from the meeting.
pub fn action_plan(
    store: &mut impl Engine,
    meeting_id: Uuid,
    agency_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<Download> {
    let (name, bytes, what) =
        store.read(|conn| exports::plan_file(conn, meeting_id, agency_id, now))?;
    let what = format!("{what} (downloaded)");
    exports::audit_export(store, "meeting", meeting_id, &what, &name)?;
    Ok(pdf(name, bytes))
}

/// A report made between meetings (statistics, late actions, subject access).
pub fn report(
    store: &mut impl Engine,
    request: &ReportRequest,
    now: DateTime<Utc>,
) -> CoreResult<Download> {
    if let ReportRequest::SubjectAccess { case_id } = request {
        let (name, bytes, ids) = store.read(|db| person::subject_access_file(db, *case_id, now))?;
        person::record_subject_access(store, &ids, &format!("downloaded: {name}"))?;
        let what = "Subject access export (downloaded)";
        exports::audit_export(store, "person_case", *case_id, what, &name)?;
        return Ok(pdf(name, bytes));
    }
    let (name, bytes) = store.read(|conn| {
        Ok((
            exports::report_file_name(conn, request, now)?,
            exports::report_bytes(conn, request, now)?,
        ))
    })?;
    exports::audit_report(store, request, &format!("{name} (downloaded)"))?;
    let media_type = if matches!(request, ReportRequest::StatisticsCsv { .. }) {
        "text/csv"
    } else {
        "application/pdf"
    };
    Ok(Download {
        file_name: name,
        bytes,
        media_type,
    })
}
