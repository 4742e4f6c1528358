//! The case search index (SQLite FTS5): names as typed and transliterated,
//! aliases, date of birth, postcode (spaced and not) and reference, with
//! diacritics ignored, so "Nguyen" finds "Nguyễn" and "Ivan" finds "Иван".
//! The index and its query language are the engine's own, so they live
//! here, beside the other SQL, where a second engine's differ.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::error::CoreResult;

/// Rewrites the case's row in the index (call after any change to it).
pub(crate) fn index_case(conn: &Connection, case_id: &str) -> CoreResult<()> {
    let (rowid, name, aliases, dob, postcode, reference): (i64, String, String, Option<String>, Option<String>, String) =
        conn.prepare_cached(
            "SELECT rowid, subject_name, aliases, date_of_birth, postcode, reference FROM person_case WHERE id = ?1",
        )?
        .query_row(
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
    let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
    let mut names: Vec<String> = std::iter::once(name).chain(aliases).collect();
    let transliterated: Vec<String> = names.iter().map(|n| deunicode::deunicode(n)).collect();
    for t in transliterated {
        if !names.contains(&t) {
            names.push(t);
        }
    }
    let postcode = postcode
        .map(|pc| format!("{pc} {}", pc.replace(' ', "")))
        .unwrap_or_default();
    // Cached: an import or the scale dataset indexes thousands of cases.
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?
        .execute([rowid])?;
    conn.prepare_cached(
        "INSERT INTO case_search (rowid, names, date_of_birth, postcode, reference) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![rowid, names.join(" "), dob.unwrap_or_default(), postcode, reference])?;
    Ok(())
}

/// Takes a deleted case out of the index.
pub(crate) fn forget_case(tx: &Connection, rowid: i64) -> CoreResult<()> {
    tx.execute("DELETE FROM case_search WHERE rowid = ?1", [rowid])?;
    Ok(())
}

/// The FTS5 query for what someone typed in the search box, or `None` if
/// there is nothing to search for. A date searches dates of birth; anything
/// else matches the start of words in any column, all words required.
pub fn fts_query(text: &str, today: NaiveDate) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().any(|c| c.is_ascii_digit())
        && text.chars().filter(|c| c.is_alphabetic()).count() <= 3
        && let Some(date) = crate::dates::parse_date(text, today)
    {
        return Some(format!("date_of_birth : \"{}\"", date.format("%Y %m %d")));
    }
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            fts_query("14/03/2009", today).as_deref(),
            Some("date_of_birth : \"2009 03 14\"")
        );
        assert_eq!(
            fts_query("  Nguyễn  An ", today).as_deref(),
            Some("\"nguyễn\"* \"an\"*")
        );
        assert_eq!(
            fts_query("YM-7K3QX", today).as_deref(),
            Some("\"ym\"* \"7k3qx\"*")
        );
        assert_eq!(
            fts_query("\" OR 1=1 --", today).as_deref(),
            Some("\"or\"* \"1\"* \"1\"*"),
            "quotes never reach FTS5"
        );
        assert_eq!(fts_query("  ", today), None);
        assert_eq!(fts_query("!!!", today), None);
    }
}
