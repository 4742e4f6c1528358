//! What a panel chose in its last import's preview: the column for each field,
//! the values standing for every row, and what its lists call agencies that
//! are not in the directory. Written only by a successful import.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use uuid::Uuid;

use crate::error::CoreResult;
use crate::import::{ImportChoices, squash};
use crate::services::parse_id;

#[derive(Debug, Default)]
pub(super) struct Remembered {
    /// Field code to column header.
    pub headers: HashMap<String, String>,
    /// Field code to the value for every row.
    pub values: HashMap<String, String>,
    /// The list's word for an agency, and the agency.
    pub words: Vec<(String, Uuid)>,
}

fn pairs(conn: &Connection, sql: &str, panel_id: Uuid) -> CoreResult<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([panel_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn load(conn: &Connection, panel_id: Uuid) -> CoreResult<Remembered> {
    let headers = pairs(
        conn,
        "SELECT field, header FROM import_mapping WHERE panel_id = ?1",
        panel_id,
    )?;
    let values = pairs(
        conn,
        "SELECT field, value FROM import_file_value WHERE panel_id = ?1",
        panel_id,
    )?;
    let mut words = Vec::new();
    for (word, agency) in pairs(
        conn,
        "SELECT word, agency_id FROM import_agency_word WHERE panel_id = ?1 ORDER BY word",
        panel_id,
    )? {
        words.push((word, parse_id(&agency)?));
    }
    Ok(Remembered {
        headers: headers.into_iter().collect(),
        values: values.into_iter().collect(),
        words,
    })
}

/// Keeps these choices for the panel's next import. Columns and values are
/// replaced as a whole; words for agencies are added to (or, when set back to
/// "not chosen", taken from) what earlier lists taught.
pub(super) fn save(tx: &Connection, panel_id: Uuid, choices: &ImportChoices) -> CoreResult<()> {
    let panel = panel_id.to_string();
    tx.execute("DELETE FROM import_mapping WHERE panel_id = ?1", [&panel])?;
    tx.execute(
        "DELETE FROM import_file_value WHERE panel_id = ?1",
        [&panel],
    )?;
    for m in &choices.columns {
        if let Some(h) = &m.header {
            tx.execute(
                "INSERT INTO import_mapping (panel_id, field, header) VALUES (?1, ?2, ?3)",
                params![panel, m.field.as_str(), h],
            )?;
        }
        if let Some(value) = m.value.as_deref().map(str::trim).filter(|v| !v.is_empty())
            && m.field.takes_file_value()
        {
            tx.execute(
                "INSERT INTO import_file_value (panel_id, field, value) VALUES (?1, ?2, ?3)",
                params![panel, m.field.as_str(), value],
            )?;
        }
    }
    for word in &choices.agencies {
        let key = squash(&word.text);
        match word.agency_id {
            Some(agency) => tx.execute(
                "INSERT INTO import_agency_word (panel_id, word_key, word, agency_id)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (panel_id, word_key) DO UPDATE SET word = excluded.word, agency_id = excluded.agency_id",
                params![panel, key, word.text.trim(), agency.to_string()],
            )?,
            None => tx.execute(
                "DELETE FROM import_agency_word WHERE panel_id = ?1 AND word_key = ?2",
                params![panel, key],
            )?,
        };
    }
    Ok(())
}
