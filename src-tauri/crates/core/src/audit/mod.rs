//! The audit log: who did what, when, to which record - append-only and
//! hash-chained, so that an entry changed or removed behind the app's back is
//! found by [`verify`].
//!
//! Table changes are logged by triggers (migration 0006: the table, the row's
//! key, and for an update the names of the columns that changed, never their
//! values). The app adds entries for what a table cannot see through
//! [`record`]. Entries arrive unsealed; [`seal`] runs at the end of every
//! write transaction (see [`crate::store::Store::write`]) and sets who made
//! the change and the chain: each entry's `hash` is SHA-256 over the entry
//! and the previous entry's hash. The head of the chain is anchored outside
//! the database ([`anchor`]) and [`verify`] checks it against those anchors.

mod anchor;
mod verify;

pub use anchor::{AuditAnchor, MIN_NOTED_HEX, append, append_restore, head, read};
pub use verify::{AuditVerification, verify, verify_against};
pub(crate) use verify::{check_chain, finish};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::CoreResult;
use crate::store::codec::now;

/// One line of the audit log, as the settings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub detail: Option<String>,
}

/// Adds an entry for something no table records (an unlock, an export...).
/// `detail` names documents, agencies and counts, never a person.
pub fn record(
    conn: &dyn crate::store::sql::Db,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    detail: Option<&str>,
) -> CoreResult<()> {
    record_at(conn, &now(), action, entity, entity_id, detail)
}

/// As [`record`], for something that happened earlier (a failed unlock is
/// written down at the next successful one).
pub fn record_at(
    conn: &dyn crate::store::sql::Db,
    at: &str,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    detail: Option<&str>,
) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO audit_log (at, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&at, &action, &entity, &entity_id, &detail],
    )?;
    Ok(())
}

/// One entry as stored, seal included (both engines read into it).
pub(crate) struct Row {
    pub(crate) seq: i64,
    pub(crate) at: String,
    pub(crate) actor: Option<String>,
    pub(crate) action: String,
    pub(crate) entity: String,
    pub(crate) entity_id: Option<String>,
    pub(crate) detail: Option<String>,
    pub(crate) prev_hash: Option<String>,
    pub(crate) hash: Option<String>,
}

pub(crate) const COLUMNS: &str =
    "seq, at, actor, action, entity, entity_id, detail, prev_hash, hash";

pub(crate) fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        detail: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
    })
}

/// The chain's hash of one entry: SHA-256 over an unambiguous encoding (a
/// JSON array) of every field and the previous entry's hash.
pub(crate) fn chain_hash(row: &Row, actor: Option<&str>, prev_hash: &str) -> String {
    let encoded = serde_json::json!([
        row.seq,
        row.at,
        actor,
        row.action,
        row.entity,
        row.entity_id,
        row.detail,
        prev_hash
    ])
    .to_string();
    format!("{:x}", Sha256::digest(encoded.as_bytes()))
}

/// The highest entry number so far (0 for an empty log): a transaction
/// notes it first, then seals only the entries after it, which are its own.
pub fn last_seq(conn: &Connection) -> CoreResult<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// Seals, in order and as done by `actor`, the unsealed entries after
/// `after`: those written by the transaction that noted `after` at its start.
/// An unsealed entry at or before it was put there behind the app's back
/// (a raw insert with the passphrase): it is never sealed, so [`verify`]
/// names it, whatever actor it claims.
pub fn seal(conn: &Connection, actor: &str, after: i64) -> CoreResult<()> {
    let mut pending = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE seq > ?1 AND hash IS NULL ORDER BY seq"
    ))?;
    let rows = pending
        .query_map([after], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let mut prev: String = conn
        .query_row(
            "SELECT hash FROM audit_log WHERE seq < ?1 ORDER BY seq DESC LIMIT 1",
            [first.seq],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten()
        .unwrap_or_default();
    let mut update = conn.prepare_cached(
        "UPDATE audit_log SET actor = ?2, prev_hash = ?3, hash = ?4 WHERE seq = ?1",
    )?;
    for entry in &rows {
        let who = entry.actor.as_deref().unwrap_or(actor);
        let hash = chain_hash(entry, Some(who), &prev);
        update.execute(params![entry.seq, who, prev, hash])?;
        prev = hash;
    }
    Ok(())
}

/// The newest entries of the audit log and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    #[ts(type = "number")]
    pub total: i64,
}

/// The most recent entries, newest first (at most `limit`), and how many
/// there are, on either engine. PostgreSQL numbers entries not yet sealed
/// below zero (they are sealed at commit): they are the newest.
pub fn recent(db: &dyn crate::store::sql::Db, limit: u32) -> CoreResult<AuditPage> {
    page(db, "", limit)
}

/// What agencies' representatives have opened on the server (issue 18):
/// every listing of their actions, case lists to research and action plans
/// they downloaded, newest first, with who and which cases. Only their
/// screens record a "view".
pub fn agency_views(db: &dyn crate::store::sql::Db, limit: u32) -> CoreResult<AuditPage> {
    page(db, "WHERE action = 'view'", limit)
}

fn page(db: &dyn crate::store::sql::Db, filter: &str, limit: u32) -> CoreResult<AuditPage> {
    let total: i64 = db
        .row(
            &format!("SELECT count(*) FROM audit_log {filter}"),
            &[],
            |r| r.get(0),
        )?
        .unwrap_or(0);
    let entries = db.rows(
        &format!(
            "SELECT seq, at, actor, action, entity, entity_id, detail FROM audit_log {filter}
              ORDER BY seq < 0 DESC, abs(seq) DESC LIMIT ?1"
        ),
        &[&i64::from(limit)],
        |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                detail: r.get(6)?,
            })
        },
    )?;
    Ok(AuditPage { entries, total })
}

/// Every table that must carry the three audit triggers: all but the log
/// itself, the search index (derived from the case table) and the server's
/// sessions (signing in and out are recorded as entries of their own).
pub fn audited_tables(conn: &Connection) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit_log'
           AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_search%'
           AND name <> 'account_session' ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}
