//! Verifying the audit log: the chain must hold from the first entry to the
//! last, and still hold every anchor noted outside the database. The chain
//! alone finds an entry changed or removed in the middle; only the anchors
//! find the newest entries cut off, or the whole chain rewritten by someone
//! with the passphrase.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::anchor::{AuditAnchor, head};
use super::{COLUMNS, Row, chain_hash, row};
use crate::error::CoreResult;

/// What "Verify the audit log" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditVerification {
    /// Entries checked.
    #[ts(type = "number")]
    pub entries: i64,
    pub intact: bool,
    /// The first entry that does not match the chain (or an anchor), if any.
    #[ts(type = "number | null")]
    pub first_bad_seq: Option<i64>,
    /// How many anchors kept outside the database were checked.
    #[ts(type = "number")]
    pub anchors_checked: i64,
    /// The chain's head now, to note down.
    pub head: Option<AuditAnchor>,
    /// In words, for the screen.
    pub message: String,
}

/// Walks the whole chain and reports the first entry that does not match.
pub fn verify(conn: &Connection) -> CoreResult<AuditVerification> {
    verify_against(conn, &[])
}

fn hash_matches(hash: &str, noted: &str) -> bool {
    !noted.is_empty()
        && hash.len() >= noted.len()
        && hash[..noted.len()].eq_ignore_ascii_case(noted)
}

fn broken(entries: i64, seq: i64, problem: &str, anchors: i64) -> AuditVerification {
    AuditVerification {
        entries,
        intact: false,
        first_bad_seq: Some(seq),
        anchors_checked: anchors,
        head: None,
        message: format!(
            "The audit log has been tampered with: entry {seq} {problem}. Entries before it are intact."
        ),
    }
}

/// As [`verify`], and every anchor in `anchors` must still be in the chain:
/// the entry it names must exist and its hash begin with the anchor's.
pub fn verify_against(conn: &Connection, anchors: &[AuditAnchor]) -> CoreResult<AuditVerification> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))?;
    let rows = stmt
        .query_map([], row)?
        .map(|r| r.map_err(crate::error::CoreError::from));
    let checked = check_chain(rows, anchors)?;
    finish(checked, anchors, head(conn)?)
}

/// What walking the chain found: the entries seen, the last one's number,
/// or the first bad entry's report.
pub(crate) enum Walked {
    Whole { entries: i64, last_seq: i64 },
    Broken(AuditVerification),
}

/// Walks entries in chain order (each engine reads them its own way) and
/// reports the first that does not match the chain or an anchor.
pub(crate) fn check_chain(
    rows: impl Iterator<Item = CoreResult<Row>>,
    anchors: &[AuditAnchor],
) -> CoreResult<Walked> {
    let mut wanted: HashMap<i64, Vec<&str>> = HashMap::new();
    for a in anchors {
        wanted.entry(a.seq).or_default().push(a.hash.as_str());
    }
    let anchor_count = i64::try_from(anchors.len()).unwrap_or(i64::MAX);
    let mut prev = String::new();
    let mut entries = 0_i64;
    let mut last_seq = 0_i64;
    for entry in rows {
        let entry = entry?;
        entries += 1;
        last_seq = entry.seq;
        let problem = match (&entry.hash, &entry.prev_hash) {
            (None, _) | (_, None) => {
                Some("was never sealed by Roundtable (it was put there behind its back)")
            }
            (Some(hash), Some(prev_hash)) => {
                if *prev_hash != prev {
                    Some("does not follow the entry before it (an entry was removed or changed)")
                } else if *hash != chain_hash(&entry, entry.actor.as_deref(), &prev) {
                    Some("has been changed since it was written")
                } else if wanted
                    .get(&entry.seq)
                    .is_some_and(|noted| noted.iter().any(|n| !hash_matches(hash, n)))
                {
                    Some("no longer matches the anchor noted for it (the log was rewritten)")
                } else {
                    None
                }
            }
        };
        if let Some(problem) = problem {
            return Ok(Walked::Broken(broken(
                entries,
                entry.seq,
                problem,
                anchor_count,
            )));
        }
        prev = entry.hash.unwrap_or_default();
    }
    Ok(Walked::Whole { entries, last_seq })
}

/// The verdict once the chain has been walked: anchors beyond its end mean
/// entries were cut off.
pub(crate) fn finish(
    walked: Walked,
    anchors: &[AuditAnchor],
    head_now: Option<AuditAnchor>,
) -> CoreResult<AuditVerification> {
    let (entries, last_seq) = match walked {
        Walked::Broken(report) => return Ok(report),
        Walked::Whole { entries, last_seq } => (entries, last_seq),
    };
    let anchor_count = i64::try_from(anchors.len()).unwrap_or(i64::MAX);
    if let Some(missing) = anchors
        .iter()
        .map(|a| a.seq)
        .filter(|s| *s > last_seq)
        .min()
    {
        return Ok(AuditVerification {
            message: format!(
                "The audit log has been tampered with: it ends at entry {last_seq}, but entry {missing} was anchored outside the database. Entries after {last_seq} were removed."
            ),
            ..broken(entries, last_seq + 1, "", anchor_count)
        });
    }
    let checked = if anchors.is_empty() {
        String::new()
    } else {
        format!(" It still holds all {anchor_count} anchors kept outside the database.")
    };
    Ok(AuditVerification {
        entries,
        intact: true,
        first_bad_seq: None,
        anchors_checked: anchor_count,
        head: head_now,
        message: format!("The audit log is intact: all {entries} entries check out.{checked}"),
    })
}
