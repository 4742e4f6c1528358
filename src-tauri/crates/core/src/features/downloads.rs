//! Documents handed to a browser instead of written to a folder (the
//! server's exports): the same files as the desktop's exports, made by the
//! same functions, and noted in the audit log as downloaded, by whom.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::CoreResult;
use crate::features::exports::{self, ReportRequest};
use crate::features::person;
use crate::features::sealing::{self, Encryption};
use crate::store::Engine;

/// A file for the browser to save: its name and contents.
pub struct Download {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// "application/pdf" or "text/csv".
    pub media_type: &'static str,
    /// The password Roundtable made for an encrypted copy, to show once.
    pub password: Option<String>,
}

fn pdf(file_name: String, sealed: sealing::Sealed) -> Download {
    Download {
        file_name,
        bytes: sealed.bytes,
        media_type: "application/pdf",
        password: sealed.password,
    }
}

/// The meeting's minutes.
pub fn minutes(
    store: &mut impl Engine,
    meeting_id: Uuid,
    encryption: Option<&Encryption>,
    now: DateTime<Utc>,
) -> CoreResult<Download> {
    let recipient = Some(exports::MINUTES_RECIPIENT);
    sealing::checked(encryption, recipient)?;
    let (name, bytes) = store.read(|conn| exports::minutes_file(conn, meeting_id, now))?;
    let sealed = sealing::seal(bytes, encryption, recipient)?;
    let what = format!("{} (downloaded)", exports::MINUTES);
    let logged = format!("{name}{}", sealed.audit_note);
    exports::audit_export(store, "meeting", meeting_id, &what, &logged)?;
    Ok(pdf(name, sealed))
}

/// One agency's action plan from the meeting.
pub fn action_plan(
    store: &mut impl Engine,
    meeting_id: Uuid,
    agency_id: Uuid,
    encryption: Option<&Encryption>,
    now: DateTime<Utc>,
) -> CoreResult<Download> {
    let ((name, bytes, what), agency) = store.read(|conn| {
        let agency = crate::features::agencies::get(conn, agency_id)?.name;
        sealing::checked(encryption, Some(&agency))?;
        Ok((
            exports::plan_file(conn, meeting_id, agency_id, now)?,
            agency,
        ))
    })?;
    let sealed = sealing::seal(bytes, encryption, Some(&agency))?;
    let what = format!("{what} (downloaded)");
    let logged = format!("{name}{}", sealed.audit_note);
    exports::audit_export(store, "meeting", meeting_id, &what, &logged)?;
    Ok(pdf(name, sealed))
}

/// A report made between meetings (statistics, late actions, subject access).
pub fn report(
    store: &mut impl Engine,
    request: &ReportRequest,
    encryption: Option<&Encryption>,
    now: DateTime<Utc>,
) -> CoreResult<Download> {
    crate::features::reports::checked(request, encryption)?;
    if let ReportRequest::SubjectAccess { case_id } = request {
        let (name, bytes, ids) = store.read(|db| person::subject_access_file(db, *case_id, now))?;
        let sealed = sealing::seal(bytes, encryption, None)?;
        person::record_subject_access(store, &ids, &format!("downloaded: {name}"))?;
        let what = "Subject access export (downloaded)";
        let logged = format!("{name}{}", sealed.audit_note);
        exports::audit_export(store, "person_case", *case_id, what, &logged)?;
        return Ok(pdf(name, sealed));
    }
    let (name, bytes) = store.read(|conn| {
        Ok((
            exports::report_file_name(conn, request, now)?,
            exports::report_bytes(conn, request, now)?,
        ))
    })?;
    let sealed = sealing::seal(bytes, encryption, None)?;
    let logged = format!("{name} (downloaded){}", sealed.audit_note);
    exports::audit_report(store, request, &logged)?;
    Ok(Download {
        file_name: name,
        bytes: sealed.bytes,
        media_type: request.media_type(),
        password: sealed.password,
    })
}
