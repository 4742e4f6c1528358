//! Anchors: the audit chain's head (entry number and hash) kept *outside*
//! the database, so that someone who has the passphrase and rewrites or cuts
//! the log (recomputing every hash) is still found out.
//!
//! A head is anchored in every exported document (footer and metadata), in a
//! backup's summary, on the Safety screen (to note down), and in an
//! append-only text file beside the database. [`super::verify`] checks that
//! the chain still holds each anchor it is given.

use std::io::Write;
use std::path::Path;

use crate::store::sql::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, CoreResult};

/// How many hex digits of the hash a noted anchor must give (64 bits: no one
/// can forge a chain that matches them).
pub const MIN_NOTED_HEX: usize = 16;

/// A point of the chain: entry `seq` had this `hash` (or a prefix of it, as
/// noted down from a screen or a document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditAnchor {
    #[ts(type = "number")]
    pub seq: i64,
    pub hash: String,
}

impl AuditAnchor {
    /// As printed on documents and the Safety screen: "entry 1234 ·
    /// 3f9a 12bc 77de 0a41" (the first 16 hex digits, in fours).
    pub fn short(&self) -> String {
        let digits: Vec<String> = self
            .hash
            .chars()
            .take(MIN_NOTED_HEX)
            .collect::<Vec<_>>()
            .chunks(4)
            .map(|c| c.iter().collect())
            .collect();
        format!("entry {} · {}", self.seq, digits.join(" "))
    }

    /// Reads an anchor as a person typed it from a document or the screen:
    /// the entry number, then at least 16 hex digits (spaces, "entry" and
    /// "·" allowed). Errors name the field `anchor`.
    pub fn parse(text: &str) -> CoreResult<Self> {
        let wrong = || {
            CoreError::field(
                "anchor",
                format!(
                    "Type the entry number, then at least {MIN_NOTED_HEX} letters and digits of the hash, as printed (for example \"entry 1234 · 3f9a 12bc 77de 0a41\")."
                ),
            )
        };
        let cleaned = text.to_lowercase().replace(['·', ',', ':'], " ");
        let mut words = cleaned
            .split_whitespace()
            .filter(|w| *w != "entry" && *w != "audit" && *w != "log" && *w != "at");
        let seq = words
            .next()
            .and_then(|w| w.parse::<i64>().ok())
            .filter(|s| *s > 0)
            .ok_or_else(wrong)?;
        let hash: String = words.collect();
        if hash.len() < MIN_NOTED_HEX || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(wrong());
        }
        Ok(Self { seq, hash })
    }
}

/// The newest sealed entry: the chain's head now (None for an empty log).
/// On PostgreSQL through `roundtable_audit_head()` (migration 21), which
/// answers an agency's account too, for the documents it downloads.
pub fn head(db: &dyn Db) -> CoreResult<Option<AuditAnchor>> {
    let sql = match db.dialect() {
        crate::store::sql::Dialect::Postgres => "SELECT seq, hash FROM roundtable_audit_head()",
        crate::store::sql::Dialect::Sqlite => {
            "SELECT seq, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1"
        }
    };
    db.row(sql, &[], |r| {
        Ok(AuditAnchor {
            seq: r.get(0)?,
            hash: r.get(1)?,
        })
    })
}

/// Appends the head to the anchor file (one line: when, entry, hash). Not
/// synced on its own: it is written after the transaction it names was
/// committed and synced, so the file never runs ahead of the database.
pub fn append(file: &Path, anchor: &AuditAnchor, at: &str) -> CoreResult<()> {
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?;
    writeln!(out, "{at} {} {}", anchor.seq, anchor.hash)?;
    Ok(())
}

/// Notes in the anchor file that the data was replaced by a restore: the
/// anchors above it belong to the data that was replaced (`replaced`, its
/// head), so they are not checked against the restored chain.
pub fn append_restore(file: &Path, replaced: Option<&AuditAnchor>, at: &str) -> CoreResult<()> {
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?;
    match replaced {
        Some(a) => writeln!(out, "{at} restore replaced {} {}", a.seq, a.hash)?,
        None => writeln!(out, "{at} restore replaced empty")?,
    }
    out.sync_all()?;
    Ok(())
}

/// The anchors in the file that belong to the current data (those after
/// its last restore line). Lines that cannot be read are ignored: the file
/// is plain text outside the encryption, a help and not a source of truth.
pub fn read(file: &Path) -> CoreResult<Vec<AuditAnchor>> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err.into()),
    };
    let mut anchors = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [_, "restore", ..] => anchors.clear(),
            [_, seq, hash] => {
                if let Ok(seq) = seq.parse::<i64>() {
                    anchors.push(AuditAnchor {
                        seq,
                        hash: (*hash).to_owned(),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_reads_back_as_printed() {
        let anchor = AuditAnchor {
            seq: 1234,
            hash: "3f9a12bc77de0a41ffeeddccbbaa99887766554433221100aabbccddeeff0011".into(),
        };
        assert_eq!(anchor.short(), "entry 1234 · 3f9a 12bc 77de 0a41");
        let read = AuditAnchor::parse(&anchor.short()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.seq, 1234);
        assert_eq!(read.hash, "3f9a12bc77de0a41");
        assert!(
            AuditAnchor::parse("1234 3f9a 12bc").is_err(),
            "too few digits"
        );
        assert!(AuditAnchor::parse("entry x 3f9a12bc77de0a41").is_err());
        assert!(AuditAnchor::parse("12 3f9a12bc77de0a4z").is_err());
    }

    #[test]
    fn a_restore_line_sets_earlier_anchors_aside() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("anchors");
        let a = |seq| AuditAnchor {
            seq,
            hash: format!("{seq:064x}"),
        };
        append(&file, &a(3), "t1").unwrap_or_else(|e| panic!("{e}"));
        append_restore(&file, Some(&a(3)), "t2").unwrap_or_else(|e| panic!("{e}"));
        append(&file, &a(9), "t3").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&file).unwrap_or_else(|e| panic!("{e}")), vec![a(9)]);
    }
}
