//! The `panel` table's SQL (the rest of the panel aggregate moves here next).

use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::codec::StoredId;

/// Whether the panel exists.
pub fn exists(conn: &Connection, id: Uuid) -> CoreResult<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM panel WHERE id = ?1", [StoredId(id)], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}
