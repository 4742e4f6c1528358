//! The imports' SQL: the directory as a list import reads it, and what a
//! panel's last referral import chose (columns, values for every row, the
//! list's words for agencies). Runs on both engines.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::Db;

/// Every agency: id, name, short code (archived ones too: a list may name them).
pub fn agency_names(db: &dyn Db) -> CoreResult<Vec<(Uuid, String, String)>> {
    db.rows("SELECT id, name, short_code FROM agency", &[], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

/// The panel's remembered columns: field code, column header.
pub fn mappings(db: &dyn Db, panel: Uuid) -> CoreResult<Vec<(String, String)>> {
    db.rows(
        "SELECT field, header FROM import_mapping WHERE panel_id = ?1",
        &[&panel],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The panel's remembered values for every row: field code, value.
pub fn file_values(db: &dyn Db, panel: Uuid) -> CoreResult<Vec<(String, String)>> {
    db.rows(
        "SELECT field, value FROM import_file_value WHERE panel_id = ?1",
        &[&panel],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The words the panel's lists use for agencies, and the agency each means.
pub fn agency_words(db: &dyn Db, panel: Uuid) -> CoreResult<Vec<(String, Uuid)>> {
    db.rows(
        "SELECT word, agency_id FROM import_agency_word WHERE panel_id = ?1 ORDER BY word",
        &[&panel],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Forgets the panel's columns and values (they are replaced as a whole).
pub fn clear_columns(db: &dyn Db, panel: Uuid) -> CoreResult<()> {
    db.execute("DELETE FROM import_mapping WHERE panel_id = ?1", &[&panel])?;
    db.execute(
        "DELETE FROM import_file_value WHERE panel_id = ?1",
        &[&panel],
    )?;
    Ok(())
}

pub fn insert_mapping(db: &dyn Db, panel: Uuid, field: &str, header: &str) -> CoreResult<()> {
    db.execute(
        "INSERT INTO import_mapping (panel_id, field, header) VALUES (?1, ?2, ?3)",
        &[&panel, &field, &header],
    )?;
    Ok(())
}

pub fn insert_file_value(db: &dyn Db, panel: Uuid, field: &str, value: &str) -> CoreResult<()> {
    db.execute(
        "INSERT INTO import_file_value (panel_id, field, value) VALUES (?1, ?2, ?3)",
        &[&panel, &field, &value],
    )?;
    Ok(())
}

/// Sets (or replaces) what a word in the panel's lists means.
pub fn set_agency_word(
    db: &dyn Db,
    panel: Uuid,
    key: &str,
    word: &str,
    agency: Uuid,
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO import_agency_word (panel_id, word_key, word, agency_id)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (panel_id, word_key) DO UPDATE SET word = excluded.word, agency_id = excluded.agency_id",
        &[&panel, &key, &word, &agency],
    )?;
    Ok(())
}

pub fn forget_agency_word(db: &dyn Db, panel: Uuid, key: &str) -> CoreResult<()> {
    db.execute(
        "DELETE FROM import_agency_word WHERE panel_id = ?1 AND word_key = ?2",
        &[&panel, &key],
    )?;
    Ok(())
}
