//! Writing documents to the folder the user chose: predictable, safe names,
//! each file written whole or not at all (a temporary file, then a rename),
//! and nothing replaced without the user saying so.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::meeting::MeetingDetail;
use crate::error::{CoreError, CoreResult};
pub use crate::features::reports::{ReportRequest, report_file_name, write_report};
pub(crate) use crate::features::reports::{audit_report, report_bytes};
use crate::features::sealing::{self, Encryption};
use crate::features::{agencies, approval, documents, meetings};
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
    /// The password Roundtable made for an encrypted copy, shown this once
    /// and never kept; None when unencrypted or the password was typed.
    pub password: Option<String>,
}

/// The folder exactly as given: the shell has already resolved and checked
/// it, so nothing here trims or reinterprets it.
pub(crate) fn folder(path: &Path) -> CoreResult<PathBuf> {
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
    minutes_name_of(conn, &meetings::get(conn, meeting_id)?)
}

fn minutes_name_of(conn: &dyn Db, m: &MeetingDetail) -> CoreResult<String> {
    let version = approval::status(conn, m.id)?.version;
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
    Ok(plan_name_of(&m, &a.short_code))
}

fn plan_name_of(m: &MeetingDetail, short_code: &str) -> String {
    documents::file_name(&m.panel_name, &m.date, &format!("action plan {short_code}"))
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
/// The meeting and the directory are read once for all of them.
pub fn files(conn: &dyn Db, meeting_id: Uuid, now: DateTime<Utc>) -> CoreResult<Vec<PlannedFile>> {
    let m = meetings::get(conn, meeting_id)?;
    let mut files = vec![PlannedFile {
        agency_id: None,
        label: "Minutes".into(),
        exists: false,
        file_name: minutes_name_of(conn, &m)?,
    }];
    let directory = agencies::list(conn)?;
    for agency_id in documents::plan_agencies(conn, meeting_id, now.date_naive())? {
        let agency = directory
            .iter()
            .find(|a| a.id == agency_id)
            .ok_or(CoreError::NotFound("That agency"))?;
        files.push(PlannedFile {
            agency_id: Some(agency_id),
            label: agency.name.clone(),
            exists: false,
            file_name: plan_name_of(&m, &agency.short_code),
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
pub(crate) fn write_atomically(
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
        password: None,
    })
}

/// Writes `bytes` as `name` in the folder the user chose.
pub fn write_file(path: &Path, name: &str, bytes: &[u8], replace: bool) -> CoreResult<WrittenFile> {
    write_atomically(&folder(path)?, name, bytes, replace)
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

/// Whom the minutes go to when the coordinator does not say.
pub(crate) const MINUTES_RECIPIENT: &str = "the panel's members";

/// Writes a sealed (or plain) file and notes it in the audit log as `what`.
pub(crate) fn write_sealed(
    store: &mut impl Engine,
    (dir, name, replace): (&Path, &str, bool),
    sealed: sealing::Sealed,
    (entity, id, what): (&str, Uuid, &str),
) -> CoreResult<WrittenFile> {
    let mut written = write_atomically(dir, name, &sealed.bytes, replace)?;
    let logged = format!("{}{}", written.file_name, sealed.audit_note);
    audit_export(store, entity, id, what, &logged)?;
    written.password = sealed.password;
    Ok(written)
}

/// Writes the minutes, encrypted if asked.
pub fn write_minutes(
    store: &mut impl Engine,
    meeting_id: Uuid,
    path: &Path,
    replace: bool,
    encryption: Option<&Encryption>,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    let dir = folder(path)?;
    sealing::checked(encryption, Some(MINUTES_RECIPIENT))?;
    let (name, bytes) = store.read(|conn| minutes_file(conn, meeting_id, now))?;
    let sealed = sealing::seal(bytes, encryption, Some(MINUTES_RECIPIENT))?;
    let target = (dir.as_path(), name.as_str(), replace);
    write_sealed(store, target, sealed, ("meeting", meeting_id, MINUTES))
}

/// Writes one agency's action plan, encrypted for that agency if asked.
pub fn write_action_plan(
    store: &mut impl Engine,
    meeting_id: Uuid,
    agency_id: Uuid,
    path: &Path,
    replace: bool,
    encryption: Option<&Encryption>,
    now: DateTime<Utc>,
) -> CoreResult<WrittenFile> {
    let dir = folder(path)?;
    let ((name, bytes, what), agency) = store.read(|conn| {
        let agency = agencies::get(conn, agency_id)?.name;
        sealing::checked(encryption, Some(&agency))?;
        Ok((plan_file(conn, meeting_id, agency_id, now)?, agency))
    })?;
    let sealed = sealing::seal(bytes, encryption, Some(&agency))?;
    let target = (dir.as_path(), name.as_str(), replace);
    write_sealed(store, target, sealed, ("meeting", meeting_id, &what))
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
