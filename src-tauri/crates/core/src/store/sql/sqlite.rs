//! [`Db`] on SQLite: statements are prepared once per connection (rusqlite's
//! cache); ids, dates and instants are bound as the text SQLite has always
//! stored, so files written before the boundary read the same.

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, Transaction};

use super::{Db, Dialect, ToValue, Value, Values};
use crate::error::CoreResult;

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Self::Null => ToSqlOutput::Owned(rusqlite::types::Value::Null),
            Self::Int(n) => ToSqlOutput::Owned((*n).into()),
            Self::Real(x) => ToSqlOutput::Owned((*x).into()),
            Self::Bool(b) => ToSqlOutput::Owned(i64::from(*b).into()),
            Self::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            other => ToSqlOutput::Owned(other.as_text().unwrap_or_default().into()),
        })
    }
}

fn value_of(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Int(n),
        ValueRef::Real(x) => Value::Real(x),
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => text_or_id(bytes),
    }
}

/// Text as the store keeps it. An id (hyphenated, lower case: how SQLite
/// has always stored them) comes back as the id itself, not as a string
/// to copy and parse again: ids are two of every agenda row's columns.
/// Read as text, it gives back the very same characters.
fn text_or_id(bytes: &[u8]) -> Value {
    if bytes.len() == 36
        && !bytes.iter().any(u8::is_ascii_uppercase)
        && let Ok(id) = uuid::Uuid::try_parse_ascii(bytes)
    {
        return Value::Id(id);
    }
    // Checked the quick way first: the store's text is UTF-8, and the
    // lossy decoder's walk was a tenth of reading an agenda.
    Value::Text(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    })
}

fn bind(params: &[&dyn ToValue]) -> Vec<Value> {
    params.iter().map(|p| p.to_value()).collect()
}

impl Db for Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<usize> {
        let mut stmt = self.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(bind(params)))?)
    }

    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Vec<Values>> {
        let mut stmt = self.prepare_cached(sql)?;
        let width = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(bind(params)))?;
        let mut all = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(value_of(row.get_ref(i)?));
            }
            all.push(Values(values));
        }
        Ok(all)
    }
}

impl Db for Transaction<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<usize> {
        Db::execute(&**self, sql, params)
    }

    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Vec<Values>> {
        Db::query(&**self, sql, params)
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    /// Whatever an id stored as text comes back as, reading it as text or
    /// writing it back gives the very characters that were stored; text
    /// that only looks like an id (upper case) stays text.
    #[test]
    fn a_stored_id_reads_back_as_the_same_id_and_the_same_text() {
        let conn = Connection::open_in_memory().expect("in-memory database");
        conn.execute_batch("CREATE TABLE t (n INTEGER, v TEXT)")
            .expect("table");
        let id = Uuid::new_v4();
        let lower = id.hyphenated().to_string();
        let upper = lower.to_uppercase();
        let other = "a 36-character note that is not an id".to_owned();
        for (n, text) in [&lower, &upper, &other].into_iter().enumerate() {
            Db::execute(&conn, "INSERT INTO t VALUES (?1, ?2)", &[&n, text]).expect("insert");
        }
        let rows = Db::query(&conn, "SELECT v FROM t ORDER BY n", &[]).expect("read");
        assert_eq!(rows[0].0[0], Value::Id(id));
        assert_eq!(rows[0].get::<Uuid>(0).expect("an id"), id);
        for (row, stored) in rows.iter().zip([&lower, &upper, &other]) {
            assert_eq!(&row.get::<String>(0).expect("text"), stored);
            let same = Db::query(&conn, "SELECT v FROM t WHERE v = ?1", &[&row.0[0]])
                .expect("look-up by the value read");
            assert_eq!(same.len(), 1, "{stored} found again by the value read");
        }
        assert_eq!(rows[1].get::<Uuid>(0).expect("upper case parses"), id);
    }
}
