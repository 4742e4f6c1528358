//! The case search index (SQLite FTS5): names as typed and transliterated,
//! aliases, date of birth, postcode (spaced and not) and reference, with
//! diacritics ignored, so "Nguyen" finds "Nguyễn" and "Ivan" finds "Иван".
//! The index and its query language are the engine's own, so they live
//! here, beside the other SQL, where a second engine's differ.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::case::{CaseStatus, CaseSummary};
use crate::error::CoreResult;
use crate::store::sql::{Db, Dialect, ToValue};

/// The index's four columns for one case, as the engine's index takes them.
pub(crate) struct Entry {
    pub(crate) names: String,
    pub(crate) date_of_birth: String,
    pub(crate) postcode: String,
    pub(crate) reference: String,
}

/// Name, aliases (JSON), date of birth, postcode, reference.
type Indexed = (String, String, Option<String>, Option<String>, String);

fn entry(db: &dyn Db, case_id: Uuid) -> CoreResult<Option<Entry>> {
    let row: Option<Indexed> = db.row(
        "SELECT subject_name, aliases, date_of_birth, postcode, reference FROM person_case WHERE id = ?1",
        &[&case_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(row.map(|(name, aliases, dob, postcode, reference)| {
        let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
        entry_of(&name, aliases, dob, postcode, reference, db.dialect())
    }))
}

/// Every case's entry as `dialect` indexes it, read from `db` (copying a
/// desktop file's cases into PostgreSQL's index).
pub(crate) fn all_entries(db: &dyn Db, dialect: Dialect) -> CoreResult<Vec<(Uuid, Entry)>> {
    let rows: Vec<(Uuid, Indexed)> = db.rows(
        "SELECT id, subject_name, aliases, date_of_birth, postcode, reference FROM person_case",
        &[],
        |r| {
            Ok((
                r.get(0)?,
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, (name, aliases, dob, postcode, reference))| {
            let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
            (
                id,
                entry_of(&name, aliases, dob, postcode, reference, dialect),
            )
        })
        .collect())
}

/// A case's entry from its fields (date of birth as YYYY-MM-DD): names as
/// typed and transliterated, the postcode spaced and not; on PostgreSQL in
/// plain words (its text parser would otherwise read "YM-23ABC" as "ym" and
/// a signed number, unlike the query).
pub(crate) fn entry_of(
    name: &str,
    aliases: Vec<String>,
    dob: Option<String>,
    postcode: Option<String>,
    reference: String,
    dialect: Dialect,
) -> Entry {
    let mut names: Vec<String> = std::iter::once(name.to_owned()).chain(aliases).collect();
    let transliterated: Vec<String> = names.iter().map(|n| deunicode::deunicode(n)).collect();
    for t in transliterated {
        if !names.contains(&t) {
            names.push(t);
        }
    }
    let postcode = postcode
        .map(|pc| format!("{pc} {}", pc.replace(' ', "")))
        .unwrap_or_default();
    let e = Entry {
        names: names.join(" "),
        date_of_birth: dob.unwrap_or_default(),
        postcode,
        reference,
    };
    match dialect {
        Dialect::Sqlite => e,
        Dialect::Postgres => Entry {
            names: plain_words(&e.names),
            date_of_birth: plain_words(&e.date_of_birth),
            postcode: plain_words(&e.postcode),
            reference: plain_words(&e.reference),
        },
    }
}

/// Rewrites the case's row in the index (call after any change to it).
pub(crate) fn index_case(db: &dyn Db, case_id: Uuid) -> CoreResult<()> {
    let Some(e) = entry(db, case_id)? else {
        return Ok(());
    };
    match db.dialect() {
        // FTS5 rows are keyed by the case's rowid.
        Dialect::Sqlite => {
            let rowid: Option<i64> =
                db.value("SELECT rowid FROM person_case WHERE id = ?1", &[&case_id])?;
            db.execute("DELETE FROM case_search WHERE rowid = ?1", &[&rowid])?;
            db.execute(
                "INSERT INTO case_search (rowid, names, date_of_birth, postcode, reference)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                &[
                    &rowid,
                    &e.names,
                    &e.date_of_birth,
                    &e.postcode,
                    &e.reference,
                ],
            )?;
        }
        Dialect::Postgres => {
            db.execute(
                "INSERT INTO case_search (case_id, names, date_of_birth, postcode, reference)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (case_id) DO UPDATE SET names = excluded.names,
                    date_of_birth = excluded.date_of_birth, postcode = excluded.postcode,
                    reference = excluded.reference",
                &[
                    &case_id,
                    &e.names,
                    &e.date_of_birth,
                    &e.postcode,
                    &e.reference,
                ],
            )?;
        }
    }
    Ok(())
}

/// Transliterated, lower-case words separated by single spaces: how both
/// the PostgreSQL index and its queries see text.
fn plain_words(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Takes a case about to be deleted out of the index (on PostgreSQL its row
/// goes with the case).
pub(crate) fn forget_case(db: &dyn Db, case_id: Uuid) -> CoreResult<()> {
    if db.dialect() == Dialect::Sqlite {
        db.execute(
            "DELETE FROM case_search WHERE rowid = (SELECT rowid FROM person_case WHERE id = ?1)",
            &[&case_id],
        )?;
    }
    Ok(())
}

/// What someone typed in the search box, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// A date: searches dates of birth.
    Born(NaiveDate),
    /// Words, each matching the start of a word in any column, all required.
    Words(Vec<String>),
}

impl SearchQuery {
    /// `None` if there is nothing to search for.
    pub fn parse(text: &str, today: NaiveDate) -> Option<Self> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.chars().any(|c| c.is_ascii_digit())
            && text.chars().filter(|c| c.is_alphabetic()).count() <= 3
            && let Some(date) = crate::dates::parse_date(text, today)
        {
            return Some(Self::Born(date));
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(8)
            .map(str::to_lowercase)
            .collect();
        (!words.is_empty()).then_some(Self::Words(words))
    }

    /// The FTS5 query: a date as a phrase in its column, words as prefixes.
    /// A word in another script, or with accents, also matches as it is
    /// transliterated (the index holds both), as on PostgreSQL: "Іван"
    /// finds Ivan, as "Ivan" finds Іван.
    pub fn fts5(&self) -> String {
        match self {
            Self::Born(date) => format!("date_of_birth : \"{}\"", date.format("%Y %m %d")),
            Self::Words(words) => words
                .iter()
                .map(|w| {
                    let plain: Vec<String> = plain_words(w)
                        .split(' ')
                        .filter(|p| !p.is_empty())
                        .map(|p| format!("\"{p}\"*"))
                        .collect();
                    let as_typed = format!("\"{w}\"*");
                    match plain.as_slice() {
                        [] => as_typed,
                        [one] if *one == as_typed => as_typed,
                        _ => format!("({as_typed} OR ({}))", plain.join(" AND ")),
                    }
                })
                .collect::<Vec<_>>()
                // Explicit: FTS5 has no implicit AND beside a parenthesis.
                .join(" AND "),
        }
    }

    /// The PostgreSQL tsquery text: words as prefixes, all required. Words
    /// are transliterated as the index's names are, so any script matches
    /// whatever the database's locale.
    fn tsquery(&self) -> Option<String> {
        match self {
            Self::Born(_) => None,
            Self::Words(words) => Some(
                plain_words(&words.join(" "))
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(|w| format!("{w}:*"))
                    .collect::<Vec<_>>()
                    .join(" & "),
            ),
        }
    }
}

/// Cases matching `query`, best match first, narrowed by panel and status.
pub fn find(
    db: &dyn Db,
    query: &SearchQuery,
    panel: Option<Uuid>,
    status: Option<CaseStatus>,
    limit: usize,
) -> CoreResult<Vec<CaseSummary>> {
    let columns = super::cases::summary_columns(db);
    let status = status.map(CaseStatus::as_str);
    let (fts, tsquery) = (query.fts5(), query.tsquery().unwrap_or_default());
    let first: &dyn ToValue = match (db.dialect(), query) {
        (Dialect::Sqlite, _) => &fts,
        (Dialect::Postgres, SearchQuery::Born(date)) => date,
        (Dialect::Postgres, SearchQuery::Words(_)) => &tsquery,
    };
    let mut params = vec![first];
    let narrow = format!(
        "{}{}",
        super::and_equal("c.panel_id", panel.as_ref(), &mut params),
        super::and_equal("c.status", status.as_ref(), &mut params)
    );
    params.push(&limit);
    let limit = format!("LIMIT ?{}", params.len());
    let sql = match (db.dialect(), query) {
        (Dialect::Sqlite, _) => format!(
            "SELECT {columns} FROM case_search s JOIN person_case c ON c.rowid = s.rowid
             WHERE case_search MATCH ?1{narrow} ORDER BY s.rank {limit}"
        ),
        (Dialect::Postgres, SearchQuery::Born(_)) => format!(
            "SELECT {columns} FROM person_case c
             WHERE c.date_of_birth = ?1{narrow}
             ORDER BY c.referral_date DESC, c.created_at DESC {limit}"
        ),
        (Dialect::Postgres, SearchQuery::Words(_)) => format!(
            "SELECT {columns} FROM case_search s JOIN person_case c ON c.id = s.case_id,
                    to_tsquery('simple', ?1) q
             WHERE s.words @@ q{narrow}
             ORDER BY ts_rank(s.words, q) DESC, c.referral_date DESC {limit}"
        ),
    };
    db.rows(&sql, &params, super::cases::summary_from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts_query(text: &str, today: NaiveDate) -> Option<String> {
        SearchQuery::parse(text, today).map(|q| q.fts5())
    }

    #[test]
    fn queries() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            fts_query("14/03/2009", today).as_deref(),
            Some("date_of_birth : \"2009 03 14\"")
        );
        assert_eq!(
            fts_query("  Nguyễn  An ", today).as_deref(),
            Some("(\"nguyễn\"* OR (\"nguyen\"*)) AND \"an\"*")
        );
        assert_eq!(
            fts_query("YM-7K3QX", today).as_deref(),
            Some("\"ym\"* AND \"7k3qx\"*")
        );
        assert_eq!(
            fts_query("\" OR 1=1 --", today).as_deref(),
            Some("\"or\"* AND \"1\"* AND \"1\"*"),
            "quotes never reach FTS5"
        );
        assert_eq!(
            fts_query("Іван 张伟", today).as_deref(),
            Some("(\"іван\"* OR (\"ivan\"*)) AND (\"张伟\"* OR (\"zhang\"* AND \"wei\"*))")
        );
        assert_eq!(fts_query("  ", today), None);
        assert_eq!(fts_query("!!!", today), None);
    }

    #[test]
    fn postgres_queries_are_transliterated_prefixes() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let ts = |text: &str| SearchQuery::parse(text, today).and_then(|q| q.tsquery());
        assert_eq!(ts("Иван Nguyễn").as_deref(), Some("ivan:* & nguyen:*"));
        assert_eq!(ts("O'Brien").as_deref(), Some("o:* & brien:*"));
        assert_eq!(ts("14/03/2009"), None, "a date searches dates of birth");
    }
}
